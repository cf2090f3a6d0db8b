package dev.outreach.cadence;

import dev.outreach.campaign.CampaignDetails;
import dev.outreach.campaign.CampaignPlans;
import dev.outreach.campaign.EngineSettings;
import dev.outreach.campaign.EngineSettingsService;
import dev.outreach.shared.JobRuns;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The re-contact worker, daily, behind {@code outreach.agents.recontact-agent}
 * (default on), one instance at a time.
 *
 * <p>Eligible ({@link RecontactEligibility}): the cycle is over (CONTACTED, or only a final touch
 * left that the engagement gate holds back), last touch at or before now minus
 * {@code recontact_cooldown_days}, never replied, not unsubscribed, {@code re_contact_cycle} below
 * {@code max_recontact_cycles}, not paused ({@code paused_until}, set by an out-of-office, not in the
 * future: a paused lead is not re-contacted before the pause ends), and a valid email (the lead has
 * an address that has not bounced and is not unsubscribed).
 *
 * <p>Reset: step 0, cycle + 1, {@code cycle_reset_at} now, status COLD, engagement fields
 * (first open, click, open counts) and generation failures cleared, due now. It only resets: the
 * sequencer tick picks the lead up as a first touch, so every guardrail (send window, gate,
 * timing, mailbox health, suppression) applies to re-contact too.
 *
 * <p>Set-based in batches of {@code outreach.cadence.recontact-batch-size}, one transaction each,
 * walking {@code ix_outreach_recontact (status, re_contact_cycle, last_email_sent_at, id)} (the original index without its tenant, see V5_3) with equality on the first two columns (one way
 * the cycle is over, one cycle at a time), a range on the send time, and each batch starting where
 * the last one ended: the run's cost follows the candidates, not the enrollments, and never
 * rescans what an earlier batch looked at.
 */
@Service
@ConditionalOnProperty(name = "outreach.agents.recontact-agent", havingValue = "true", matchIfMissing = true)
public class RecontactWorker {

    private static final Logger log = LoggerFactory.getLogger(RecontactWorker.class);

    private final JdbcClient jdbc;
    private final CampaignPlans campaigns;
    private final EngineSettingsService settingsService;
    private final TransactionTemplate transaction;
    private final CadenceProperties properties;
    private final Clock clock;
    private final JobRuns jobs;

    RecontactWorker(JdbcClient jdbc, CampaignPlans campaigns, EngineSettingsService settingsService, TransactionTemplate transaction,
            CadenceProperties properties, Clock clock, JobRuns jobs) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.settingsService = settingsService;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
        this.jobs = jobs;
    }

    @Scheduled(cron = "${outreach.cadence.recontact-cron:0 30 4 * * *}")
    @SchedulerLock(name = "recontact-worker")
    public void scheduled() {
        jobs.call("recontact-worker", this::run);
    }

    /**
     * Resets every eligible enrollment; returns how many. Each campaign follows its own re-contact
     * policy (cycles, cooldown) and plan (its last touch and whether that one is gated); enrollments
     * without a campaign follow the engine settings. Campaigns that share a policy are walked together.
     */
    public int run() {
        EngineSettings settings = settingsService.settings();
        Instant now = clock.instant();
        int total = 0;
        for (var group : policies(settings).entrySet()) {
            Policy policy = group.getKey();
            Instant cutoff = now.minus(Duration.ofDays(policy.cooldownDays()));
            for (RecontactEligibility.CycleOver over : RecontactEligibility.CycleOver.values()) {
                if (over == RecontactEligibility.CycleOver.GATED_FINAL_TOUCH && !policy.finalGated()) {
                    continue;
                }
                for (int cycle = 0; cycle < policy.maxCycles(); cycle++) {
                    Range range = new Range(over, cycle, cutoff, policy.touches() - 1, now, group.getValue());
                    Batch batch = null;
                    do {
                        Batch after = batch;
                        batch = transaction.execute(status -> resetBatch(range, after, now));
                        total += batch.reset();
                    } while (batch.scanned() == properties.recontactBatchSize());
                }
            }
        }
        if (total > 0) {
            log.info("Re-contact: {} enrollment(s) start a new cycle", total);
        }
        return total;
    }

    /** A re-contact policy and the plan facts eligibility needs: touches per cycle and whether the last is gated. */
    private record Policy(int maxCycles, int cooldownDays, int touches, boolean finalGated) {
    }

    /** Who follows which policy: campaign ids, and null for the enrollments without a campaign. */
    private Map<Policy, List<Long>> policies(EngineSettings settings) {
        Map<Policy, List<Long>> policies = new LinkedHashMap<>();
        policies.computeIfAbsent(new Policy(settings.maxRecontactCycles(), settings.recontactCooldownDays(),
                settings.maxSequenceSteps(), settings.requireEngagementForFinalStep()), k -> new ArrayList<>()).add(null);
        for (CampaignDetails campaign : campaigns.active().values()) {
            if (campaign.touches().isEmpty()) {
                continue;
            }
            policies.computeIfAbsent(new Policy(campaign.recontact().maxCycles(), campaign.recontact().cooldownDays(),
                    campaign.touches().size(), campaign.touches().getLast().engagementGate()), k -> new ArrayList<>())
                    .add(campaign.id());
        }
        return policies;
    }

    /** One seek range of ix_outreach_recontact: a way the cycle is over (a status), a cycle, the campaigns of a policy. */
    private record Range(RecontactEligibility.CycleOver over, int cycle, Instant cutoff, int finalStep, Instant now,
            List<Long> campaigns) {

        /** The campaigns as SQL: {@code :campaigns} bound to the ids; null in the list stands for "no campaign". */
        String condition() {
            boolean unbound = campaigns.contains(null);
            boolean bound = campaigns.stream().anyMatch(java.util.Objects::nonNull);
            return unbound && bound ? "(e.campaign_id is null or e.campaign_id in (:campaigns))"
                    : unbound ? "e.campaign_id is null" : "e.campaign_id in (:campaigns)";
        }

        List<Long> ids() {
            return campaigns.stream().filter(java.util.Objects::nonNull).toList();
        }
    }

    /** An enrollment the index range offers, with its key there. */
    private record Candidate(long id, OffsetDateTime lastSentAt) {
    }

    /** What a batch looked at (the candidates, up to the batch size), how many it reset, and where it ended. */
    private record Batch(int scanned, int reset, OffsetDateTime lastSentAt, long lastId) {
    }

    /**
     * One batch: the next candidates in index order after the previous batch, by what the enrollment
     * row says (an index range scan, no join), then the reset of those whose lead is still
     * reachable, with every condition checked again under the row lock. Candidates the lead check
     * turns down are passed over, never looked at again in this run.
     */
    private Batch resetBatch(Range range, Batch after, Instant now) {
        String enrollmentChecks = range.over().condition + " and e.re_contact_cycle = :cycle and "
                + RecontactEligibility.ENROLLMENT_READY + " and " + range.condition();
        var candidates = jdbc.sql("""
                select e.id, e.last_email_sent_at from enrollment e
                where %s %s
                order by e.last_email_sent_at, e.id
                fetch first :batch rows only
                """.formatted(enrollmentChecks, after == null ? "" : "and (e.last_email_sent_at, e.id) > (:afterSent, :afterId)"));
        candidates = bind(candidates, range).param("batch", properties.recontactBatchSize());
        if (after != null) {
            candidates = candidates.param("afterSent", after.lastSentAt()).param("afterId", after.lastId());
        }
        // OffsetDateTime both ways: exact on PostgreSQL and H2 (a Timestamp goes through the JVM's zone on H2)
        List<Candidate> rows = candidates.query((rs, n) -> new Candidate(rs.getLong(1), rs.getObject(2, OffsetDateTime.class)))
                .list();
        if (rows.isEmpty()) {
            return new Batch(0, 0, null, 0);
        }
        List<Long> ids = rows.stream().map(Candidate::id).toList();
        // the conditions sit on the updated row itself, so that PostgreSQL checks them again after waiting
        // for a row lock (a tick that just sent the final touch, a reply): a stale copy never resets a row
        var reset = jdbc.sql("""
                update enrollment e set outreach_sequence_step = 0, re_contact_cycle = re_contact_cycle + 1,
                    cycle_reset_at = :now, status = 'COLD', last_email_opened_at = null, last_email_clicked_at = null,
                    last_email_human_opened_at = null,
                    email_open_count = 0, email_human_open_count = 0,
                    next_touch_due_at = :now, stopped_reason = null, updated_at = :now
                where e.id in (:ids) and %s
                  and exists (select 1 from lead l where l.id = e.lead_id and %s)
                """.formatted(enrollmentChecks, RecontactEligibility.LEAD_REACHABLE));
        int count = bind(reset, range).param("ids", ids).update();
        Candidate last = rows.getLast();
        return new Batch(rows.size(), count, last.lastSentAt(), last.id());
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Range range) {
        spec = spec.param("cycle", range.cycle()).param("cutoff", Timestamp.from(range.cutoff()))
                .param("now", Timestamp.from(range.now()));
        if (range.over() == RecontactEligibility.CycleOver.GATED_FINAL_TOUCH) {
            spec = spec.param("finalStep", range.finalStep());
        }
        if (!range.ids().isEmpty()) {
            spec = spec.param("campaigns", range.ids());
        }
        return spec;
    }
}
