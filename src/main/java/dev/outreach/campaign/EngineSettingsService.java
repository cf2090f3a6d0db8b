package dev.outreach.campaign;

import dev.outreach.shared.DeliveryMode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads the engine settings row ({@code sales_engine_config}). */
@Service
public class EngineSettingsService {

    private final JdbcClient jdbc;

    EngineSettingsService(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    /** The reference's {@code mailbox_health_threshold}: a mailbox scored below it is not sent from. */
    @Transactional(readOnly = true)
    public int mailboxHealthThreshold() {
        return jdbc.sql("select mailbox_health_threshold from sales_engine_config where id = 1")
                .query(Integer.class).optional().orElse(40);
    }
}
