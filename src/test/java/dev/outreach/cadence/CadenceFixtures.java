package dev.outreach.cadence;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the cadence tests share: a clean slate before each test (no enrollments, the reference's
 * engine settings, sends any day at any hour, the clock at {@link #T0}) and fixtures that write
 * leads, campaigns and enrollments and read them back.
 */
interface CadenceFixtures {

    Instant T0 = Instant.parse("2025-06-03T15:00:00Z"); // a Tuesday, 11:00 in New York

    JdbcClient jdbc();

    MutableClock clock();

    @BeforeEach
    default void cleanSlate() {
        jdbc().sql("delete from outreach_message where enrollment_id is not null").update();
        jdbc().sql("delete from enrollment").update();
        jdbc().sql("delete from suppression where entry like '%cadence.example'").update();
        jdbc().sql("""
                update sales_engine_config set max_sequence_steps = 4, base_followup_delay_hours = 48,
                    min_followup_delay_hours = 36, require_engagement_for_final_step = true, max_recontact_cycles = 4,
                    recontact_cooldown_days = 90, send_window_start_hour = 0, send_window_end_hour = 24,
                    send_days = 'MON,TUE,WED,THU,FRI,SAT,SUN', default_time_zone = 'America/New_York',
                    tick_interval_minutes = 30 where id = 1
                """).update();
        clock().set(T0);
    }

    // ---- fixtures ----

    default long lead(String name, String timeZone) {
        String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@cadence.example";
        jdbc().sql("""
                insert into lead (first_name, email, email_normalized, time_zone, status, created_at, updated_at)
                values (:name, :email, :email, :tz, 'NEW', :now, :now)
                """).param("name", name).param("email", email).param("tz", timeZone).param("now", ts(T0)).update();
        return jdbc().sql("select id from lead where email = :email").param("email", email).query(Long.class).single();
    }

    default long campaign(String timeZone) {
        String name = "Cadence " + UUID.randomUUID();
        jdbc().sql("""
                insert into campaign (name, status, default_time_zone, created_at, updated_at)
                values (:name, 'ACTIVE', :tz, :now, :now)
                """).param("name", name).param("tz", timeZone).param("now", ts(T0)).update();
        return jdbc().sql("select id from campaign where name = :name").param("name", name).query(Long.class).single();
    }

    /** An enrollment at {@code step}, its last touch {@code sentAgo} before now, due by the lower bound. */
    default long enrollment(long leadId, Long campaignId, int step, Duration sentAgo) {
        Instant now = clock().instant();
        Instant sent = sentAgo == null ? null : now.minus(sentAgo);
        jdbc().sql("""
                insert into enrollment (lead_id, campaign_id, outreach_sequence_step, status, last_email_sent_at,
                    next_touch_due_at, created_at, updated_at)
                values (:lead, :campaign, :step, :status, :sent, :due, :now, :now)
                """).param("lead", leadId).param("campaign", campaignId).param("step", step)
                .param("status", step == 0 ? "COLD" : "ACTIVE").param("sent", ts(sent))
                .param("due", ts(sent == null ? now : sent.plus(Duration.ofHours(36)))).param("now", ts(now)).update();
        return enrollmentOf(leadId);
    }

    default long enrollmentOf(long leadId) {
        return jdbc().sql("select id from enrollment where lead_id = :lead").param("lead", leadId).query(Long.class).single();
    }

    default void set(long enrollmentId, String assignments, Map<String, Object> params) {
        var spec = jdbc().sql("update enrollment set " + assignments + " where id = :id").param("id", enrollmentId);
        for (var entry : params.entrySet()) {
            spec = spec.param(entry.getKey(), entry.getValue() instanceof Instant i ? ts(i) : entry.getValue());
        }
        spec.update();
    }

    default Map<String, Object> row(long enrollmentId) {
        return jdbc().sql("select * from enrollment where id = :id").param("id", enrollmentId).query().singleRow();
    }

    default List<Map<String, Object>> messages(long leadId) {
        return jdbc().sql("select * from outreach_message where lead_id = :lead order by created_at, touch")
                .param("lead", leadId).query().listOfRows();
    }

    default void settings(String assignments) {
        jdbc().sql("update sales_engine_config set " + assignments + " where id = 1").update();
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return (Instant) value;
    }

}
