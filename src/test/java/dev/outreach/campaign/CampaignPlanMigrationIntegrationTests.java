package dev.outreach.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.support.PostgresIntegrationTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An installation from before campaign plans (Flyway stopped at V6_5), with engine settings of
 * its own and campaigns made then, migrated to the latest version: each campaign's plan, schedule
 * and re-contact policy are what the engine settings made every campaign do until then (V6_6),
 * on PostgreSQL and on H2 in PostgreSQL mode.
 */
class CampaignPlanMigrationIntegrationTests {

    static final String SCHEMA = "outreach_migration_it";

    record Touch(int order, String type, long sequence, int delayHours, boolean gate) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void anExistingCampaignGetsThePlanTheEngineSettingsGaveIt(String database) throws SQLException {
        try (Connection connection = connect(database)) {
            SingleConnectionDataSource dataSource = new SingleConnectionDataSource(connection, true);
            JdbcClient jdbc = JdbcClient.create(dataSource);
            flyway(database, dataSource).target("6.5").load().migrate();

            // the engine as this installation had set it: 3 steps 60 h apart, the final one gated, Mon-Sat 8-18
            jdbc.sql("""
                    update sales_engine_config set max_sequence_steps = 3, base_followup_delay_hours = 60,
                        require_engagement_for_final_step = true, send_days = 'MON,TUE,WED,THU,FRI,SAT',
                        send_window_start_hour = 8, send_window_end_hour = 18, max_recontact_cycles = 2,
                        recontact_cooldown_days = 30
                    where id = 1
                    """).update();
            long sequence = jdbc.sql("select id from sequence_config where is_default").query(Long.class).single();
            jdbc.sql("""
                    insert into campaign (name, sequence_id, status, default_time_zone, created_at, updated_at)
                    values ('Spring push', :sequence, 'ACTIVE', 'Europe/Berlin', current_timestamp, current_timestamp),
                           ('No sequence chosen', null, 'ACTIVE', 'America/Chicago', current_timestamp, current_timestamp)
                    """).param("sequence", sequence).update();

            flyway(database, dataSource).load().migrate();

            for (String name : List.of("Spring push", "No sequence chosen")) {
                long id = jdbc.sql("select id from campaign where name = :name").param("name", name).query(Long.class).single();
                assertThat(jdbc.sql("""
                        select touch_order, message_type, sequence_id, delay_hours, engagement_gate from campaign_touch
                        where campaign_id = :id order by touch_order
                        """).param("id", id).query((rs, n) -> new Touch(rs.getInt(1), rs.getString(2), rs.getLong(3),
                                rs.getInt(4), rs.getBoolean(5))).list())
                        .as("%s on %s: the settings' 3 touches, 60 h apart, the final one gated, the default sequence", name,
                                database)
                        .containsExactly(new Touch(1, "INITIAL", sequence, 0, false),
                                new Touch(2, "FOLLOW_UP", sequence, 60, false),
                                new Touch(3, "FINAL", sequence, 60, true));
                Map<String, String> templates = new TreeMap<>();
                jdbc.sql("select touch_order, channel, template_name from campaign_touch_template where campaign_id = :id")
                        .param("id", id).query((rs, n) -> templates.put(rs.getInt(1) + " " + rs.getString(2), rs.getString(3)))
                        .list();
                assertThat(templates).as("each touch's template per channel of the sequence, as the content module chose them")
                        .containsExactlyInAnyOrderEntriesOf(Map.of(
                                "1 EMAIL", "email-initial", "1 LINKEDIN", "linkedin-connect", "1 CONTACT_FORM", "form-initial",
                                "2 EMAIL", "email-follow-up", "2 LINKEDIN", "linkedin-connect", "2 CONTACT_FORM", "form-initial",
                                "3 EMAIL", "email-final", "3 LINKEDIN", "linkedin-connect", "3 CONTACT_FORM", "form-initial"));
                Map<String, Object> campaign = jdbc.sql("""
                        select status, send_days, send_start_hour, send_end_hour, max_recontact_cycles, recontact_cooldown_days,
                               new_leads_per_day, touches_per_day, sequence_id
                        from campaign where id = :id
                        """).param("id", id).query().singleRow();
                assertThat(campaign).as("%s on %s", name, database)
                        .containsEntry("status", "ACTIVE").containsEntry("send_days", "MON,TUE,WED,THU,FRI,SAT")
                        .containsEntry("send_start_hour", 8).containsEntry("send_end_hour", 18)
                        .containsEntry("max_recontact_cycles", 2).containsEntry("recontact_cooldown_days", 30)
                        .containsEntry("new_leads_per_day", null).containsEntry("touches_per_day", null)
                        .containsEntry("sequence_id", sequence);
                assertThat(jdbc.sql("select count(*) from campaign_sender where campaign_id = :id").param("id", id)
                        .query(Long.class).single()).as("no senders named: every healthy mailbox, as before").isZero();
            }
        } finally {
            if (database.equals("postgresql")) {
                try (Connection connection = DriverManager.getConnection(PostgresIntegrationTest.URL,
                        PostgresIntegrationTest.USER, PostgresIntegrationTest.PASSWORD);
                        Statement statement = connection.createStatement()) {
                    statement.execute("drop schema if exists " + SCHEMA + " cascade");
                }
            }
        }
    }

    private static FluentConfiguration flyway(String database, SingleConnectionDataSource dataSource) {
        FluentConfiguration flyway = Flyway.configure().dataSource(dataSource);
        return database.equals("postgresql")
                ? flyway.schemas(SCHEMA).defaultSchema(SCHEMA)
                        .locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
                : flyway.locations("classpath:db/migration/common");
    }

    /** A PostgreSQL schema of this test's own, emptied (skipped without PostgreSQL, failed under CI), or a fresh H2. */
    private static Connection connect(String database) throws SQLException {
        if (database.equals("h2")) {
            return DriverManager.getConnection("jdbc:h2:mem:campaign-plan-migration-" + System.nanoTime()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "");
        }
        PostgresIntegrationTest.requirePostgres();
        try (Connection connection = DriverManager.getConnection(PostgresIntegrationTest.URL, PostgresIntegrationTest.USER,
                PostgresIntegrationTest.PASSWORD); Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + SCHEMA + " cascade");
            statement.execute("create schema " + SCHEMA);
        }
        // the test's own statements name tables without their schema, as the application does
        String separator = PostgresIntegrationTest.URL.contains("?") ? "&" : "?";
        return DriverManager.getConnection(PostgresIntegrationTest.URL + separator + "currentSchema=" + SCHEMA + ",public",
                PostgresIntegrationTest.USER, PostgresIntegrationTest.PASSWORD);
    }
}
