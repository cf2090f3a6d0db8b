package dev.outreach.campaign;

import dev.outreach.shared.AuditLog;
import dev.outreach.shared.DeliveryMode;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The engine settings row ({@code sales_engine_config}): read by every worker, changed by admins. */
@Service
public class EngineSettingsService {

    private final JdbcClient jdbc;
    private final AuditLog auditLog;
    private final Clock clock;

    EngineSettingsService(JdbcClient jdbc, AuditLog auditLog, Clock clock) {
        this.jdbc = jdbc;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /**
     * Replaces the settings after checking every field; a rejected update changes nothing and names
     * each wrong field. The change is audited with the values before and after.
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public EngineSettings update(EngineSettings changed) {
        List<FieldError> errors = validate(changed);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        EngineSettings before = settings();
        String days = changed.sendDays().stream().sorted().map(d -> d.name().substring(0, 3)).collect(Collectors.joining(","));
        jdbc.sql("""
                update sales_engine_config set max_sequence_steps = :steps, base_followup_delay_hours = :base,
                    min_followup_delay_hours = :min, mailbox_health_threshold = :threshold,
                    require_engagement_for_final_step = :gate, max_recontact_cycles = :cycles,
                    recontact_cooldown_days = :cooldown, max_generation_failures = :failures,
                    send_window_start_hour = :start, send_window_end_hour = :end, send_days = :days,
                    default_time_zone = :zone, tick_interval_minutes = :tick, delivery_mode = :mode,
                    updated_at = :now, updated_by = :by
                where id = 1
                """).param("steps", changed.maxSequenceSteps()).param("base", changed.baseFollowupDelayHours())
                .param("min", changed.minFollowupDelayHours()).param("threshold", changed.mailboxHealthThreshold())
                .param("gate", changed.requireEngagementForFinalStep()).param("cycles", changed.maxRecontactCycles())
                .param("cooldown", changed.recontactCooldownDays()).param("failures", changed.maxGenerationFailures())
                .param("start", changed.sendWindowStartHour()).param("end", changed.sendWindowEndHour())
                .param("days", days).param("zone", changed.defaultTimeZone().strip())
                .param("tick", changed.tickIntervalMinutes()).param("mode", changed.deliveryMode().name())
                .param("now", Timestamp.from(clock.instant())).param("by", AuditLog.currentActor()).update();
        EngineSettings after = settings();
        auditLog.record(before.deliveryMode() != after.deliveryMode() ? "engine.delivery-mode" : "engine.update",
                "sales_engine_config", 1, before.toString(), after.toString());
        return after;
    }

    /** Every rule the settings must keep, each naming its field. */
    static List<FieldError> validate(EngineSettings s) {
        List<FieldError> errors = new ArrayList<>();
        range(errors, "maxSequenceSteps", s.maxSequenceSteps(), 1, 10, "touches per cycle");
        range(errors, "minFollowupDelayHours", s.minFollowupDelayHours(), 1, 720, "hours");
        range(errors, "baseFollowupDelayHours", s.baseFollowupDelayHours(), 1, 720, "hours");
        if (s.baseFollowupDelayHours() < s.minFollowupDelayHours()) {
            errors.add(new FieldError("baseFollowupDelayHours", "The base delay cannot be shorter than the floor of "
                    + s.minFollowupDelayHours() + " hours"));
        }
        range(errors, "mailboxHealthThreshold", s.mailboxHealthThreshold(), 0, 100, "(a score)");
        range(errors, "maxRecontactCycles", s.maxRecontactCycles(), 0, 10, "cycles");
        range(errors, "recontactCooldownDays", s.recontactCooldownDays(), 1, 3650, "days");
        range(errors, "maxGenerationFailures", s.maxGenerationFailures(), 1, 20, "failures");
        range(errors, "sendWindowStartHour", s.sendWindowStartHour(), 0, 23, "(hour of the day)");
        range(errors, "sendWindowEndHour", s.sendWindowEndHour(), 1, 24, "(hour of the day)");
        if (s.sendWindowEndHour() <= s.sendWindowStartHour()) {
            errors.add(new FieldError("sendWindowEndHour", "The window must end after it starts ("
                    + s.sendWindowStartHour() + ":00)"));
        }
        if (s.sendDays() == null || s.sendDays().isEmpty()) {
            errors.add(new FieldError("sendDays", "Choose at least one day"));
        }
        try {
            ZoneId.of(s.defaultTimeZone() == null ? "" : s.defaultTimeZone().strip());
        } catch (DateTimeException e) {
            errors.add(new FieldError("defaultTimeZone", "Not a time zone: '" + s.defaultTimeZone()
                    + "' (use an IANA name such as America/Chicago)"));
        }
        range(errors, "tickIntervalMinutes", s.tickIntervalMinutes(), 1, 1440, "minutes");
        if (s.deliveryMode() == null) {
            errors.add(new FieldError("deliveryMode", "Choose SANDBOX or LIVE"));
        }
        return errors;
    }

    private static void range(List<FieldError> errors, String field, int value, int min, int max, String unit) {
        if (value < min || value > max) {
            errors.add(new FieldError(field, "Give " + min + " to " + max + " " + unit));
        }
    }

    /** SANDBOX until an admin switches delivery to LIVE. */
    @Transactional(readOnly = true)
    public DeliveryMode deliveryMode() {
        return jdbc.sql("select delivery_mode from sales_engine_config where id = 1")
                .query(String.class).optional().map(DeliveryMode::valueOf).orElse(DeliveryMode.SANDBOX);
    }

    /** The whole row ({@link EngineSettings#defaults()} when it is missing). */
    @Transactional(readOnly = true)
    public EngineSettings settings() {
        return jdbc.sql("""
                select max_sequence_steps, base_followup_delay_hours, min_followup_delay_hours, mailbox_health_threshold,
                    require_engagement_for_final_step, max_recontact_cycles, recontact_cooldown_days,
                    max_generation_failures, send_window_start_hour, send_window_end_hour, send_days,
                    default_time_zone, tick_interval_minutes, delivery_mode
                from sales_engine_config where id = 1
                """).query((rs, n) -> new EngineSettings(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                        rs.getBoolean(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10),
                        EngineSettings.parseDays(rs.getString(11)), rs.getString(12), rs.getInt(13),
                        DeliveryMode.valueOf(rs.getString(14))))
                .optional().orElseGet(EngineSettings::defaults);
    }

    /** {@code mailbox_health_threshold}: a mailbox scored below it is not sent from. */
    @Transactional(readOnly = true)
    public int mailboxHealthThreshold() {
        return jdbc.sql("select mailbox_health_threshold from sales_engine_config where id = 1")
                .query(Integer.class).optional().orElse(40);
    }
}
