package dev.outreach.cadence;

import dev.outreach.campaign.EngineSettingsService;
import dev.outreach.shared.AuditLog;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pauses a lead's running enrollments until a moment (an out-of-office says when the lead is
 * back): their next touch is due no earlier than then. The tick needs nothing else, since it only
 * reads enrollments whose {@code next_touch_due_at} has passed (ix_enrollment_due); a pause never
 * shortens a wait that was already longer.
 */
@Service
public class EnrollmentPauses {

    /** Where a pause "until the day after" ends: that day, its start in {@code zone}. */
    public record PauseEnd(LocalDate day, ZoneId zone, Instant at) {
    }

    private final JdbcClient jdbc;
    private final EngineSettingsService settings;
    private final AuditLog auditLog;
    private final Clock clock;

    EnrollmentPauses(JdbcClient jdbc, EngineSettingsService settings, AuditLog auditLog, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /**
     * The start of the day after {@code day} where the lead is: in the lead's time zone, else the
     * engine's default zone ({@link SendWindow#zone}, as the send window picks it). A lead back on
     * 16 March in Chicago is paused until 17 March, 00:00 in Chicago.
     */
    @Transactional(readOnly = true)
    public PauseEnd dayAfter(long leadId, LocalDate day) {
        // the lead module owns the column; read here as the tick reads it
        String leadZone = jdbc.sql("select time_zone from lead where id = :lead").param("lead", leadId)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional().flatMap(zone -> zone).orElse(null);
        ZoneId zone = SendWindow.zone(leadZone, settings.settings().defaultTimeZone());
        LocalDate end = day.plusDays(1);
        return new PauseEnd(end, zone, end.atStartOfDay(zone).toInstant());
    }

    /** Pauses the lead's COLD and ACTIVE enrollments until {@code until}; returns how many. */
    @Transactional
    public int pauseLead(long leadId, Instant until, String reason) {
        String why = reason.length() > 300 ? reason.substring(0, 299) + "…" : reason;
        Timestamp at = Timestamp.from(until);
        int paused = jdbc.sql("""
                update enrollment set
                    paused_until = case when paused_until is null or paused_until < :until then :until else paused_until end,
                    paused_reason = :reason,
                    next_touch_due_at = case when next_touch_due_at < :until then :until else next_touch_due_at end,
                    updated_at = :now
                where lead_id = :lead and status in ('COLD', 'ACTIVE')
                """).param("until", at).param("reason", why).param("lead", leadId)
                .param("now", Timestamp.from(clock.instant())).update();
        if (paused > 0) {
            auditLog.record("enrollment.pause", "lead", leadId, null, "paused until " + until + ": " + why);
        }
        return paused;
    }

    /** Until when the lead's enrollments are paused (the latest pause of any); empty when none is. */
    @Transactional(readOnly = true)
    public Optional<Instant> pausedUntil(long leadId) {
        return jdbc.sql("""
                select paused_until from enrollment where lead_id = :lead and paused_until is not null
                order by paused_until desc fetch first 1 rows only
                """).param("lead", leadId)
                .query(Timestamp.class).optional().map(Timestamp::toInstant);
    }
}
