package dev.outreach.channel.contactform;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The politeness ledger: the last contact-form submission per site (registrable domain), so
 * that a site gets at most one per {@code per-site-interval} across all its leads. A touch
 * claims its site right before it posts (one conditional statement, so two instances or
 * threads can never both win) and gives the claim back when nothing reached the site. Each
 * statement runs in its own transaction: a claim must be visible to other instances before the
 * form goes out, whatever the caller's transaction does.
 */
@Component
class ContactFormSites implements SitePolicy {

    private record Row(Instant submittedAt, Long leadId, String pageUrl) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final ContactFormOptOuts optOuts;
    private final ContactFormProperties properties;
    private final Clock clock;

    ContactFormSites(JdbcClient jdbc, PlatformTransactionManager transactions, ContactFormOptOuts optOuts,
            ContactFormProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.optOuts = optOuts;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Optional<String> optedOut(String url) {
        return optOuts.find(url).map(o -> "the site " + o.domain() + " opted out of contact forms on "
                + o.addedAt().atZone(clock.getZone()).toLocalDate() + " (" + o.reason() + ")");
    }

    @Override
    public Claim claim(String pageUrl, Long leadId) {
        Optional<String> site = SiteName.of(pageUrl);
        if (site.isEmpty() || properties.perSiteInterval().isZero()) {
            return Claim.NOT_NEEDED;
        }
        String domain = site.get();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant cutoff = now.minus(properties.perSiteInterval());
        Optional<Row> previous = ownTransaction.execute(tx -> read(domain));
        if (previous.isPresent() && !previous.get().submittedAt().isBefore(cutoff)) {
            return refused(domain, previous.get());
        }
        boolean won;
        if (previous.isPresent()) {
            won = Boolean.TRUE.equals(ownTransaction.execute(tx -> jdbc.sql("""
                    update contact_form_site set submitted_at = :now, lead_id = :lead, page_url = :url
                    where domain = :domain and submitted_at = :previous
                    """).param("now", Timestamp.from(now)).param("lead", leadId).param("url", cut(pageUrl))
                    .param("domain", domain).param("previous", Timestamp.from(previous.get().submittedAt()))
                    .update() == 1));
        } else {
            try {
                ownTransaction.executeWithoutResult(tx -> jdbc.sql("""
                        insert into contact_form_site (domain, submitted_at, lead_id, page_url)
                        values (:domain, :now, :lead, :url)
                        """).param("domain", domain).param("now", Timestamp.from(now)).param("lead", leadId)
                        .param("url", cut(pageUrl)).update());
                won = true;
            } catch (DuplicateKeyException e) {
                won = false;
            }
        }
        if (!won) {
            return ownTransaction.execute(tx -> read(domain)).map(row -> refused(domain, row))
                    .orElseGet(() -> new Claim(domain, "another touch is submitting to " + domain + " right now",
                            null, null));
        }
        return new Claim(domain, null, now, previous.orElse(null));
    }

    @Override
    public void release(Claim claim) {
        if (!claim.granted() || claim.claimedAt() == null) {
            return;
        }
        ownTransaction.executeWithoutResult(tx -> {
            Object previous = claim.previous();
            if (previous instanceof Row row) {
                jdbc.sql("""
                        update contact_form_site set submitted_at = :previous, lead_id = :lead, page_url = :url
                        where domain = :domain and submitted_at = :claimed
                        """).param("previous", Timestamp.from(row.submittedAt())).param("lead", row.leadId())
                        .param("url", row.pageUrl()).param("domain", claim.domain())
                        .param("claimed", Timestamp.from(claim.claimedAt())).update();
            } else {
                jdbc.sql("delete from contact_form_site where domain = :domain and submitted_at = :claimed")
                        .param("domain", claim.domain()).param("claimed", Timestamp.from(claim.claimedAt())).update();
            }
        });
    }

    private Claim refused(String domain, Row row) {
        return new Claim(domain, "site contacted on " + row.submittedAt().atZone(clock.getZone()).toLocalDate()
                + " (" + domain + "; at most one contact-form submission per site every "
                + properties.perSiteInterval().toDays() + " days)", null, null);
    }

    private Optional<Row> read(String domain) {
        return jdbc.sql("select submitted_at, lead_id, page_url from contact_form_site where domain = :domain")
                .param("domain", domain)
                .query((rs, n) -> new Row(rs.getTimestamp(1).toInstant(), rs.getObject(2, Long.class), rs.getString(3)))
                .optional();
    }

    private static String cut(String url) {
        return url.length() <= 2000 ? url : url.substring(0, 2000);
    }
}
