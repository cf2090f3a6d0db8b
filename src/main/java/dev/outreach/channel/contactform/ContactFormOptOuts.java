package dev.outreach.channel.contactform;

import dev.outreach.shared.AuditLog;
import dev.outreach.shared.InvalidInputException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.NamedInterface;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sites (registrable domains) that asked not to be contacted through their form. The channel
 * checks the list before it fetches anything; admins keep it, and whoever reads a contact-form
 * attempt whose site answered "stop" or "no solicitation" can add that site from the attempt.
 */
@Service
@NamedInterface("contactform-opt-outs")
public class ContactFormOptOuts {

    /** One opted-out site. */
    public record OptOut(String domain, String reason, String addedBy, Instant addedAt) {
    }

    private final JdbcClient jdbc;
    private final AuditLog auditLog;
    private final Clock clock;

    ContactFormOptOuts(JdbcClient jdbc, AuditLog auditLog, Clock clock) {
        this.jdbc = jdbc;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public List<OptOut> list() {
        return jdbc.sql("select domain, reason, added_by, added_at from contact_form_opt_out order by domain")
                .query((rs, n) -> new OptOut(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .list();
    }

    /** Adds the site of a domain or URL; returns the registrable domain stored. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public String add(String domainOrUrl, String reason) {
        return store(domainOrUrl, reason);
    }

    /**
     * Adds the site of a contact-form attempt that asked us to stop. Operators may do it too: it
     * only ever stops outreach.
     */
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    @Transactional
    public String addFromAttempt(String siteUrl, String reason) {
        return store(siteUrl, reason);
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void remove(String domain) {
        if (jdbc.sql("delete from contact_form_opt_out where domain = :domain").param("domain", domain).update() > 0) {
            auditLog.record("contact-form.opt-out.remove", "contact_form_opt_out", domain, domain, null);
        }
    }

    /** The opt-out covering a URL's site, if any. For the channel itself; no role needed. */
    Optional<OptOut> find(String url) {
        return SiteName.of(url).flatMap(domain -> jdbc.sql(
                        "select domain, reason, added_by, added_at from contact_form_opt_out where domain = :domain")
                .param("domain", domain)
                .query((rs, n) -> new OptOut(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .optional());
    }

    private String store(String domainOrUrl, String reason) {
        String domain = SiteName.of(domainOrUrl).orElseThrow(
                () -> new InvalidInputException("domain", "'" + domainOrUrl + "' is not a domain or web address"));
        String why = reason == null || reason.isBlank() ? "asked not to be contacted" : reason.strip();
        int added = jdbc.sql("""
                insert into contact_form_opt_out (domain, reason, added_by, added_at)
                select :domain, :reason, :by, :at where not exists (select 1 from contact_form_opt_out where domain = :domain)
                """).param("domain", domain).param("reason", why.length() > 500 ? why.substring(0, 500) : why)
                .param("by", AuditLog.currentActor()).param("at", Timestamp.from(clock.instant())).update();
        if (added > 0) {
            auditLog.record("contact-form.opt-out.add", "contact_form_opt_out", domain, null, why);
        }
        return domain;
    }
}
