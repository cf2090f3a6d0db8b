package dev.outreach.cadence;

import dev.outreach.campaign.EngineSettings;
import dev.outreach.campaign.EngineSettingsService;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reference's RecontactWorker (phase 4c), daily, behind {@code outreach.agents.recontact-agent}
 * (the reference's {@code agent_recontact_agent}, default on), one instance at a time.
 *
 * <p>Eligible ({@link RecontactEligibility}): the cycle is over (CONTACTED, or only a final touch
 * left that the engagement gate holds back), last touch at or before now minus
 * {@code recontact_cooldown_days}, never replied, not unsubscribed, {@code re_contact_cycle} below
 * {@code max_recontact_cycles}, and a valid email (the lead has an address that has not bounced and
 * is not unsubscribed).
 *
 * <p>Reset: step 0, cycle + 1, {@code cycle_reset_at} now, status COLD, engagement fields
 * (first open, click, open counts) and generation failures cleared, due now. It only resets: the
 * sequencer tick picks the lead up as a first touch, so every guardrail (send window, gate,
 * timing, mailbox health, suppression) applies to re-contact too.
 *
 * <p>Set-based in batches of {@code outreach.cadence.recontact-batch-size}, one transaction each,
 * seeking {@code ix_outreach_recontact (campaign_id, status, re_contact_cycle, last_email_sent_at)}
 * with equality on the first three columns (one way the cycle is over, one campaign or the unbound
 * ones, one cycle at a time) and a range on the last.
 */
@Service
@ConditionalOnProperty(name = "outreach.agents.recontact-agent", havingValue = "true", matchIfMissing = true)
public class RecontactWorker {

    private static final Logger log = LoggerFactory.getLogger(RecontactWorker.class);

    private final JdbcClient jdbc;
    private final EngineSettingsService settingsService;
    private final TransactionTemplate transaction;
    private final CadenceProperties properties;
    private final Clock clock;

    RecontactWorker(JdbcClient jdbc, EngineSettingsService settingsService, TransactionTemplate transaction,
            CadenceProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.settingsService = settingsService;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(cron = "${outreach.cadence.recontact-cron:0 30 4 * * *}")
    @SchedulerLock(name = "recontact-worker", lockAtMostFor = "PT2H")
    public void scheduled() {
        run();
    }

    /** Resets every eligible enrollment; returns how many. */
    public int run() {
        EngineSettings settings = settingsService.settings();
        Instant now = clock.instant();
        Instant cutoff = now.minus(Duration.ofDays(settings.recontactCooldownDays()));
        List<Long> campaigns = new ArrayList<>(jdbc.sql("select id from campaign order by id").query(Long.class).list());
        campaigns.add(null);
        int total = 0;
        for (RecontactEligibility.CycleOver over : RecontactEligibility.CycleOver.values()) {
            if (!over.appliesTo(settings)) {
                continue;
            }
            for (Long campaign : campaigns) {
                for (int cycle = 0; cycle < settings.maxRecontactCycles(); cycle++) {
                    int reset;
                    do {
                        int thisCycle = cycle;
                        reset = transaction.execute(
                                status -> resetBatch(over, campaign, thisCycle, cutoff, now, settings.maxSequenceSteps() - 1));
                        total += reset;
                    } while (reset == properties.recontactBatchSize());
                }
            }
        }
        if (total > 0) {
            log.info("Re-contact: {} enrollment(s) start a new cycle", total);
        }
        return total;
    }

    private int resetBatch(RecontactEligibility.CycleOver over, Long campaign, int cycle, Instant cutoff, Instant now,
            int finalStep) {
        String campaignMatch = campaign == null ? "e.campaign_id is null" : "e.campaign_id = :campaign";
        var spec = jdbc.sql("""
                update enrollment set outreach_sequence_step = 0, re_contact_cycle = re_contact_cycle + 1,
                    cycle_reset_at = :now, status = 'COLD', last_email_opened_at = null, last_email_clicked_at = null,
                    email_open_count = 0, email_human_open_count = 0, generation_failures = 0,
                    next_touch_due_at = :now, stopped_reason = null, updated_at = :now
                where id in (select e.id from enrollment e join lead l on l.id = e.lead_id
                             where %s and %s and e.re_contact_cycle = :cycle and %s
                             fetch first :batch rows only)
                """.formatted(campaignMatch, over.condition, RecontactEligibility.REST))
                .param("now", Timestamp.from(now)).param("cycle", cycle).param("cutoff", Timestamp.from(cutoff))
                .param("batch", properties.recontactBatchSize());
        if (over == RecontactEligibility.CycleOver.GATED_FINAL_TOUCH) {
            spec = spec.param("finalStep", finalStep);
        }
        if (campaign != null) {
            spec = spec.param("campaign", campaign);
        }
        return spec.update();
    }
}
