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

    /** The reference's {@code mailbox_health_threshold}: a mailbox scored below it is not sent from. */
    @Transactional(readOnly = true)
    public int mailboxHealthThreshold() {
        return jdbc.sql("select mailbox_health_threshold from sales_engine_config where id = 1")
                .query(Integer.class).optional().orElse(40);
    }
}
