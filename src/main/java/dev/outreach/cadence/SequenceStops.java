package dev.outreach.cadence;

import dev.outreach.outreach.OutboxWithdrawal;
import dev.outreach.shared.AuditLog;
import dev.outreach.shared.Wording;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A lead's sequence stopped and resumed by hand (the inbox's actions), in every campaign it runs
 * in. A stop is what a reply does to the enrollment's future, minus the reply: STOPPED with the
 * reason, no due time, its waiting touches out of the outbox; unlike a reply's stop it remembers the
 * status it had ({@code resume_status}), so that resuming gives it back. Resuming also ends a pause
 * or snooze: the next touch is due now, and the tick still applies the follow-up delay and the send
 * window. A sequence the lead's reply ended is not resumed here but re-opened by {@link RepliedSequences}.
 */
@Service
@PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
public class SequenceStops {

    private final JdbcClient jdbc;
    private final OutboxWithdrawal outbox;
    private final AuditLog auditLog;
    private final Clock clock;

    SequenceStops(JdbcClient jdbc, OutboxWithdrawal outbox, AuditLog auditLog, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /**
     * Stops the lead's running enrollments (COLD, ACTIVE, and CONTACTED ones waiting for re-contact)
     * with {@code reason}; returns how many it stopped (0 when none was running).
     */
    @Transactional
    public int stopLead(long leadId, String reason) {
        String why = reason.length() > 200 ? reason.substring(0, 199) + "…" : reason;
        List<Long> running = jdbc.sql("""
                select id from enrollment where lead_id = :lead and status in ('COLD', 'ACTIVE', 'CONTACTED') for update
                """).param("lead", leadId).query(Long.class).list();
        if (running.isEmpty()) {
            return 0;
        }
        // a touch the tick already wrote would still go out
        outbox.withdraw(running, "Not sent: the lead's sequence was stopped (" + why + ")");
        Timestamp now = Timestamp.from(clock.instant());
        int stopped = jdbc.sql("""
                update enrollment set resume_status = status, status = 'STOPPED', stopped_reason = :reason,
                    next_touch_due_at = null, updated_at = :now
                where id in (:ids)
                """).param("reason", why).param("now", now).param("ids", running).update();
        auditLog.record("enrollment.stop", "lead", leadId, null, Wording.count(stopped, "enrollment") + " stopped: " + why);
        return stopped;
    }

    /**
     * Resumes what was stopped by hand ({@link #stopLead}) and ends pauses and snoozes of the lead's
     * running enrollments; returns how many it resumed (0 when nothing was stopped or paused).
     */
    @Transactional
    public int resumeLead(long leadId) {
        Timestamp now = Timestamp.from(clock.instant());
        int restarted = jdbc.sql("""
                update enrollment set status = resume_status, resume_status = null, stopped_reason = null,
                    next_touch_due_at = case when resume_status = 'CONTACTED' then null
                        else cast(:now as timestamp with time zone) end, updated_at = :now
                where lead_id = :lead and status = 'STOPPED' and resume_status is not null
                """).param("lead", leadId).param("now", now).update();
        int released = jdbc.sql("""
                update enrollment set paused_until = null, paused_reason = null, next_touch_due_at = :now, updated_at = :now
                where lead_id = :lead and status in ('COLD', 'ACTIVE') and paused_until is not null
                """).param("lead", leadId).param("now", now).update();
        int resumed = restarted + released;
        if (resumed > 0) {
            auditLog.record("enrollment.resume", "lead", leadId, null, Wording.count(resumed, "enrollment") + " resumed");
        }
        return resumed;
    }
}
