package dev.outreach.deliverability;

import dev.outreach.channel.ratelimit.ChannelRateLimits;
import dev.outreach.deliverability.ReputationService.Scope;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the health views and {@code GET /email-health} show: every sending domain and mailbox
 * with its stored state (paused by whom and why) and its live reputation, caps and trend.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class DeliverabilityHealth {

    /** A domain's row of the DomainHealthGrid. {@code trend} holds 24 hourly sent and bounced counts, oldest first. */
    public record DomainHealth(long id, String domain, boolean active, String pausedReason, boolean pausedByHealth,
            int mailboxes, EmailScore score, long[] sentTrend, long[] bouncedTrend) {
    }

    /** A mailbox's row of the MailboxHealthGrid. {@code warmupDay} is null once the ramp is done or never started. */
    public record MailboxHealth(long id, String address, String domain, boolean active, String pausedReason,
            boolean pausedByHealth, EmailScore score, int capToday, int sentToday, Integer warmupDay, Instant reducedUntil,
            String skipReason, long[] sentTrend) {

        /** The auto-deactivation indicator: the health guard paused it. */
        public boolean autoDeactivated() {
            return !active && pausedByHealth;
        }

        public boolean eligible() {
            return skipReason == null;
        }
    }

    /** The whole picture; {@code noHealthyMailbox} is the console's warning. */
    public record Report(ReputationService.ScopedScore global, List<DomainHealth> domains, List<MailboxHealth> mailboxes,
            boolean noHealthyMailbox) {
    }

    private final JdbcClient jdbc;
    private final ReputationService reputation;
    private final MailboxDirectory directory;
    private final ChannelRateLimits rateLimits;
    private final Clock clock;

    DeliverabilityHealth(JdbcClient jdbc, ReputationService reputation, MailboxDirectory directory,
            ChannelRateLimits rateLimits, Clock clock) {
        this.jdbc = jdbc;
        this.reputation = reputation;
        this.directory = directory;
        this.rateLimits = rateLimits;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Report report() {
        Map<String, EmailScore> domainHealth = reputation.getDomainHealthMap();
        Map<String, EmailScore> mailboxHealth = reputation.getMailboxHealthMap();
        MailboxDirectory.Selection selection = directory.preview(domainHealth, mailboxHealth);
        Map<Long, Integer> capsToday = selection.eligible().stream().collect(java.util.stream.Collectors.toMap(
                eligible -> eligible.mailbox().id(), MailboxDirectory.EligibleMailbox::dailyCap));
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);

        List<DomainHealth> domains = jdbc.sql("""
                select d.id, d.domain, d.status, d.paused_reason, d.paused_by_health,
                       (select count(*) from mailbox m where m.domain_id = d.id) as mailboxes
                from sending_domain d order by d.domain
                """).query((rs, n) -> {
                    String domain = rs.getString("domain").toLowerCase(Locale.ROOT);
                    return new DomainHealth(rs.getLong("id"), domain, "ACTIVE".equals(rs.getString("status")),
                            rs.getString("paused_reason"), rs.getBoolean("paused_by_health"), rs.getInt("mailboxes"),
                            domainHealth.getOrDefault(domain, ReputationScoring.computeEmailScore(EmailMetrics.NONE)),
                            reputation.trend(Scope.DOMAIN, domain, EmailEventType.SENT),
                            reputation.trend(Scope.DOMAIN, domain, EmailEventType.BOUNCED));
                }).list();

        record Row(long id, String address, String domain, boolean active, String pausedReason, boolean pausedByHealth,
                Warmup warmup, Instant reducedUntil) {
        }
        List<Row> rows = jdbc.sql("""
                select m.id, m.address, d.domain, m.active, m.paused_reason, m.paused_by_health, m.warmup_started_on,
                       m.daily_cap, m.warmup_start_volume, m.warmup_daily_increase, m.reduced_until
                from mailbox m join sending_domain d on d.id = m.domain_id order by m.address
                """).query((rs, n) -> {
                    java.sql.Date started = rs.getDate("warmup_started_on");
                    Timestamp reduced = rs.getTimestamp("reduced_until");
                    return new Row(rs.getLong("id"), rs.getString("address"), rs.getString("domain").toLowerCase(Locale.ROOT),
                            rs.getBoolean("active"), rs.getString("paused_reason"), rs.getBoolean("paused_by_health"),
                            new Warmup(rs.getInt("daily_cap"), rs.getInt("warmup_start_volume"),
                                    rs.getInt("warmup_daily_increase"), started == null ? null : started.toLocalDate()),
                            reduced == null ? null : reduced.toInstant());
                }).list();
        Map<Long, Integer> sentToday = rateLimits.mailboxSendsToday(rows.stream().map(Row::id).toList());
        List<MailboxHealth> mailboxes = rows.stream().map(row -> {
            String address = row.address().toLowerCase(Locale.ROOT);
            OptionalInt day = row.warmup().dayOn(today);
            Integer warmupDay = day.isPresent() ? day.getAsInt() : null;
            return new MailboxHealth(row.id(), row.address(), row.domain(), row.active(), row.pausedReason(),
                    row.pausedByHealth(), mailboxHealth.getOrDefault(address, ReputationScoring.computeEmailScore(EmailMetrics.NONE)),
                    capsToday.getOrDefault(row.id(), 0), sentToday.getOrDefault(row.id(), 0), warmupDay,
                    row.reducedUntil() != null && row.reducedUntil().isAfter(now) ? row.reducedUntil() : null,
                    selection.skipped().get(row.address()), reputation.trend(Scope.MAILBOX, address, EmailEventType.SENT));
        }).toList();
        return new Report(reputation.getEmailReputationScoped(Scope.GLOBAL, ""), domains, mailboxes,
                selection.noneEligible());
    }
}
