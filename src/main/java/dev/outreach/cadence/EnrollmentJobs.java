package dev.outreach.cadence;

import dev.outreach.lead.LeadFilter;
import dev.outreach.lead.LeadFilterSql;
import dev.outreach.lead.LeadService;
import dev.outreach.shared.AuditLog;
import dev.outreach.shared.InvalidInputException;
import jakarta.annotation.PreDestroy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.concurrent.DelegatingSecurityContextExecutorService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Adds every lead matching the leads grid's filter to a campaign in the background (100k in one
 * action): chunks of {@code chunk-size} leads in lead id order, each one transaction that counts
 * the chunk's verdicts and enrolls it with one {@code INSERT ... SELECT} over the lead module's
 * filter predicate ({@link EnrollmentRules}), and moves the job row ({@code enrollment_job}) on.
 * Nothing is half-applied silently: a chunk commits whole with its progress; a job whose instance
 * stopped shows as interrupted with what it did, and running the filter again adds only the rest
 * (leads already in count as such).
 */
@Service
public class EnrollmentJobs {

    private static final Logger log = LoggerFactory.getLogger(EnrollmentJobs.class);

    private final JdbcClient jdbc;
    private final LeadService leads;
    private final EnrollmentRules rules;
    private final AuditLog auditLog;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final EnrollmentJobProperties properties;
    private final ExecutorService executor;

    EnrollmentJobs(JdbcClient jdbc, LeadService leads, EnrollmentRules rules, AuditLog auditLog, Clock clock,
            PlatformTransactionManager transactions, EnrollmentJobProperties properties) {
        this.jdbc = jdbc;
        this.leads = leads;
        this.rules = rules;
        this.auditLog = auditLog;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
        this.properties = properties;
        this.executor = Executors.newFixedThreadPool(properties.threads(), Thread.ofPlatform().name("enrollment-job-", 1)
                .daemon(true).factory());
    }

    /**
     * Starts adding every lead matching {@code filter} to the campaign and returns the job's id at
     * once; {@link #progress} tells how far it got. The filter is evaluated chunk by chunk as the
     * job goes, so leads created meanwhile with ids past the job's position are included.
     */
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public UUID startByFilter(long campaignId, LeadFilter filter) {
        if (filter == null) {
            throw new InvalidInputException("filter", "Give the leads filter");
        }
        rules.allowsActiveElsewhere(campaignId); // refuses an unknown campaign before anything starts
        LeadFilterSql predicate = leads.filterSql(filter, "l.");
        UUID id = UUID.randomUUID();
        tx.executeWithoutResult(status -> {
            Map<String, Object> params = new HashMap<>(predicate.params());
            long total = jdbc.sql("select count(*) from lead l where " + predicate.predicate()).params(params)
                    .query(Long.class).single();
            Timestamp now = Timestamp.from(clock.instant());
            jdbc.sql("""
                    insert into enrollment_job (id, campaign_id, filter_text, filter_status, filter_grade, filter_campaign_id,
                        total, status, started_by, created_at, heartbeat_at)
                    values (:id, :campaign, :text, :status, :grade, :filterCampaign, :total, 'RUNNING', :by, :now, :now)
                    """).param("id", id).param("campaign", campaignId).param("text", filter.text())
                    .param("status", filter.status() == null ? null : filter.status().name())
                    .param("grade", filter.grade() == null ? null : filter.grade().name())
                    .param("filterCampaign", filter.campaignId()).param("total", total)
                    .param("by", org.springframework.security.core.context.SecurityContextHolder.getContext()
                            .getAuthentication().getName())
                    .param("now", now).update();
            auditLog.record("enrollment.job-start", "campaign", campaignId, null,
                    "adding the " + total + " leads matching " + describe(filter) + " (job " + id + ")");
        });
        new DelegatingSecurityContextExecutorService(executor).submit(() -> run(id, campaignId, predicate));
        return id;
    }

    /** The job's progress; an unknown id is an {@link InvalidInputException} on {@code jobId}. */
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public EnrollmentJobProgress progress(UUID jobId) {
        return jdbc.sql("select * from enrollment_job where id = :id").param("id", jobId)
                .query(this::toProgress).optional()
                .orElseThrow(() -> new InvalidInputException("jobId", "No enrollment job " + jobId));
    }

    private EnrollmentJobProgress toProgress(ResultSet rs, int n) throws SQLException {
        EnrollResult result = new EnrollResult(rs.getInt("added"), rs.getInt("already_in"),
                rs.getInt("skipped_active_elsewhere"), rs.getInt("skipped_unreachable"));
        String status = rs.getString("status");
        long done = rs.getLong("done");
        long total = rs.getLong("total");
        String error = rs.getString("error");
        boolean stale = "RUNNING".equals(status)
                && rs.getTimestamp("heartbeat_at").toInstant().plus(properties.staleAfter()).isBefore(clock.instant());
        if (stale) {
            error = "Interrupted after " + done + " of " + total + " leads (the instance running it stopped): the leads"
                    + " added so far stay; add the same filter again to add the rest";
        }
        return new EnrollmentJobProgress(rs.getObject("id", UUID.class), total, done, result,
                !"RUNNING".equals(status) || stale, error);
    }

    /** The job's chunks, one transaction each, from where its row says it is. */
    void run(UUID id, long campaignId, LeadFilterSql filter) {
        try {
            boolean allow = rules.allowsActiveElsewhere(campaignId);
            while (Boolean.TRUE.equals(tx.execute(status -> chunk(id, campaignId, allow, filter)))) {
                // next chunk
            }
            tx.executeWithoutResult(status -> finish(id, campaignId));
        } catch (RuntimeException e) {
            log.warn("Enrollment job {} for campaign {} failed", id, campaignId, e);
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            jdbc.sql("update enrollment_job set status = 'FAILED', error = :error, finished_at = :now where id = :id")
                    .param("error", message.length() > 900 ? message.substring(0, 899) + "…" : message)
                    .param("now", Timestamp.from(clock.instant())).param("id", id).update();
        }
    }

    /** One chunk: the next {@code chunk-size} matching leads past the job's position; false when none is left. */
    private boolean chunk(UUID id, long campaignId, boolean allow, LeadFilterSql filter) {
        long after = jdbc.sql("select last_lead_id from enrollment_job where id = :id for update").param("id", id)
                .query(Long.class).single();
        Map<String, Object> params = new HashMap<>(filter.params());
        params.put("after", after);
        params.put("chunk", properties.chunkSize());
        // the chunk's last id, by the primary key in order (the filter's conditions checked on the way)
        Map<String, Object> bound = jdbc.sql("""
                select count(*) as n, max(id) as upto from (
                    select l.id from lead l where\s""" + filter.predicate() + """
                     and l.id > :after order by l.id fetch first :chunk rows only) t
                """).params(params).query().singleRow();
        long count = ((Number) bound.get("n")).longValue();
        if (count == 0) {
            return false;
        }
        params.put("upto", ((Number) bound.get("upto")).longValue());
        Instant now = clock.instant();
        EnrollResult r = rules.enroll(campaignId, allow, filter.predicate() + " and l.id > :after and l.id <= :upto",
                params, now, (int) count);
        jdbc.sql("""
                update enrollment_job set done = done + :done, added = added + :added, already_in = already_in + :in,
                    skipped_active_elsewhere = skipped_active_elsewhere + :elsewhere,
                    skipped_unreachable = skipped_unreachable + :unreachable, last_lead_id = :upto, heartbeat_at = :now
                where id = :id
                """).param("done", r.total()).param("added", r.added()).param("in", r.alreadyIn())
                .param("elsewhere", r.skippedActiveElsewhere()).param("unreachable", r.skippedUnreachable())
                .param("upto", params.get("upto")).param("now", Timestamp.from(now)).param("id", id).update();
        return true;
    }

    private void finish(UUID id, long campaignId) {
        Timestamp now = Timestamp.from(clock.instant());
        // the filter is read as the job goes: what it went through is the total in the end
        jdbc.sql("update enrollment_job set status = 'FINISHED', total = done, finished_at = :now, heartbeat_at = :now where id = :id")
                .param("now", now).param("id", id).update();
        EnrollmentJobProgress done = jdbc.sql("select * from enrollment_job where id = :id").param("id", id)
                .query(this::toProgress).single();
        auditLog.record("enrollment.enroll", "campaign", campaignId, null,
                "job " + id + ", " + done.done() + " leads matching the filter: " + done.result().summary());
    }

    private static String describe(LeadFilter filter) {
        StringBuilder text = new StringBuilder("the filter");
        if (filter.text() != null && !filter.text().isBlank()) {
            text.append(" text \"").append(filter.text().strip()).append('"');
        }
        if (filter.status() != null) {
            text.append(" status ").append(filter.status());
        }
        if (filter.grade() != null) {
            text.append(" grade ").append(filter.grade());
        }
        if (filter.campaignId() != null) {
            text.append(" campaign #").append(filter.campaignId());
        }
        return text.toString();
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
