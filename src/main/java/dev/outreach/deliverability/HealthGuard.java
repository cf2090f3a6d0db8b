package dev.outreach.deliverability;

import dev.outreach.campaign.EngineSettingsService;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.JobRuns;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes down what reputation says: pauses a domain whose throttle is PAUSED, and a mailbox
 * {@link ReputationScoring#mailboxUnfit} finds unfit; resumes them once
 * {@link ReputationScoring#clean} says their window is clean again (neither paused nor reduced,
 * score back at the threshold, or too little traffic left to judge), a mailbox at half its cap for
 * {@code outreach.reputation.reduced-period}.
 * Only pauses it made itself are resumed: an admin's pause stays until an admin resumes.
 * Every change is published ({@link DomainPaused}, {@link MailboxResumed}, ...) with the figures
 * that caused it, and so reaches the audit log and the outbox.
 *
 * <p>Selection reads health live and never waits for this guard; the guard makes the pause
 * visible, audited and sticky until the window is clean.
 */
@Service
public class HealthGuard {

    private static final Logger log = LoggerFactory.getLogger(HealthGuard.class);

    private final JdbcClient jdbc;
    private final ReputationService reputation;
    private final EngineSettingsService engine;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration reducedPeriod;
    private final JobRuns jobs;

    HealthGuard(JdbcClient jdbc, ReputationService reputation, EngineSettingsService engine, ApplicationEventPublisher events,
            TransactionTemplate transaction, Clock clock, @Value("${outreach.reputation.reduced-period:24h}") Duration reducedPeriod,
            JobRuns jobs) {
        this.jdbc = jdbc;
        this.reputation = reputation;
        this.engine = engine;
        this.events = events;
        this.transaction = transaction;
        this.clock = clock;
        this.reducedPeriod = reducedPeriod;
        this.jobs = jobs;
    }

    /** What one run changed, in words (for the log and tests). */
    public record Changes(List<String> paused, List<String> resumed) {
    }

    @Scheduled(fixedDelayString = "${outreach.reputation.guard-interval:PT5M}", initialDelayString = "${outreach.reputation.guard-initial-delay:PT1M}")
    @SchedulerLock(name = "health-guard")
    void scheduledRun() {
        try {
            Changes changes = jobs.call("health-guard", () -> SystemActor.call(this::run));
            if (!changes.paused().isEmpty() || !changes.resumed().isEmpty()) {
                log.info("Health guard paused {} and resumed {}", changes.paused(), changes.resumed());
            }
        } catch (RuntimeException e) {
            log.warn("Health guard run failed; selection still skips unhealthy mailboxes live", e);
        }
    }

    /**
     * One run in one transaction: every pause and resume with its audit row (written by the
     * events' in-transaction listener), or none. The
     * transaction is opened here rather than by {@code @Transactional}, which the scheduler's call
     * through {@code this} would bypass.
     */
    public Changes run() {
        return transaction.execute(status -> guard());
    }

    private Changes guard() {
        Map<String, EmailScore> domainHealth = reputation.getDomainHealthMap();
        Map<String, EmailScore> mailboxHealth = reputation.getMailboxHealthMap();
        int threshold = engine.mailboxHealthThreshold();
        Instant now = clock.instant();
        List<String> paused = new ArrayList<>();
        List<String> resumed = new ArrayList<>();

        record Scope(long id, String name, boolean active, boolean pausedByHealth) {
        }
        List<Scope> domains = jdbc.sql("select id, domain, status, paused_by_health from sending_domain order by id")
                .query((rs, n) -> new Scope(rs.getLong("id"), rs.getString("domain").toLowerCase(Locale.ROOT),
                        "ACTIVE".equals(rs.getString("status")), rs.getBoolean("paused_by_health"))).list();
        for (Scope d : domains) {
            long id = d.id();
            String domain = d.name();
            EmailScore score = domainHealth.get(domain);
            boolean active = d.active();
            if (active && ReputationScoring.domainUnfit(score).isPresent()) {
                String reason = "Automatic pause: " + ReputationFigures.of(score);
                jdbc.sql("""
                        update sending_domain set status = 'PAUSED', paused_reason = :reason, paused_at = :now,
                               paused_by_health = true, updated_at = :now where id = :id and status = 'ACTIVE'
                        """).param("reason", reason).param("now", Timestamp.from(now)).param("id", id).update();
                events.publishEvent(new DomainPaused(id, domain, true, "ACTIVE", "PAUSED: " + reason, now));
                paused.add(domain);
            } else if (!active && d.pausedByHealth() && ReputationScoring.clean(score)) {
                String figures = score == null ? "no traffic in 24 h" : ReputationFigures.of(score);
                jdbc.sql("""
                        update sending_domain set status = 'ACTIVE', paused_reason = null, paused_at = null,
                               paused_by_health = false, updated_at = :now where id = :id and paused_by_health
                        """).param("now", Timestamp.from(now)).param("id", id).update();
                events.publishEvent(new DomainResumed(id, domain, true, "PAUSED", "ACTIVE: window clean (" + figures + ")",
                        now));
                resumed.add(domain);
            }
        }

        List<Scope> mailboxes = jdbc.sql("select id, address, active, paused_by_health from mailbox order by id")
                .query((rs, n) -> new Scope(rs.getLong("id"), rs.getString("address").toLowerCase(Locale.ROOT),
                        rs.getBoolean("active"), rs.getBoolean("paused_by_health"))).list();
        for (Scope m : mailboxes) {
            long id = m.id();
            String address = m.name();
            EmailScore score = mailboxHealth.get(address);
            Optional<String> unfit = ReputationScoring.mailboxUnfit(score, threshold);
            if (m.active() && unfit.isPresent()) {
                String reason = "Automatic pause: mailbox " + unfit.get();
                jdbc.sql("""
                        update mailbox set active = false, paused_reason = :reason, paused_at = :now,
                               paused_by_health = true, updated_at = :now where id = :id and active
                        """).param("reason", reason).param("now", Timestamp.from(now)).param("id", id).update();
                events.publishEvent(new MailboxPaused(id, address, true, "ACTIVE", "PAUSED: " + reason, now));
                paused.add(address);
            } else if (!m.active() && m.pausedByHealth() && ReputationScoring.mailboxClean(score, threshold)) {
                Instant reducedUntil = now.plus(reducedPeriod);
                String figures = score == null ? "no traffic in 24 h" : ReputationFigures.of(score);
                jdbc.sql("""
                        update mailbox set active = true, paused_reason = null, paused_at = null, paused_by_health = false,
                               reduced_until = :reducedUntil, updated_at = :now where id = :id and paused_by_health
                        """).param("reducedUntil", Timestamp.from(reducedUntil)).param("now", Timestamp.from(now))
                        .param("id", id).update();
                events.publishEvent(new MailboxResumed(id, address, true, "PAUSED",
                        "ACTIVE at half its cap until " + reducedUntil + ": window clean (" + figures + ")", now));
                resumed.add(address);
            }
        }
        return new Changes(paused, resumed);
    }
}
