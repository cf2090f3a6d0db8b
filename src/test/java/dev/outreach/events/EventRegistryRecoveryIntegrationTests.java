package dev.outreach.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.OutreachApplication;
import dev.outreach.events.WebhookTestSupport.SentMessage;
import dev.outreach.lead.LeadService;
import dev.outreach.security.SystemActor;
import dev.outreach.support.Eventually;
import dev.outreach.support.PostgresIntegrationTest;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The event publication registry on real PostgreSQL, across a real restart of the application:
 * a hard bounce is ingested while the suppression list refuses writes (a trigger raises), so the
 * listener that suppresses the address fails after the bounce committed; the application is
 * stopped and started again, and on start the registry runs that listener again. The address is
 * then suppressed once, the listener that had succeeded (the lead's) did not run a second time,
 * and no publication is left.
 */
class EventRegistryRecoveryIntegrationTests {

    @BeforeAll
    static void requirePostgres() {
        PostgresIntegrationTest.requirePostgres();
    }

    @Test
    void aListenerThatFailedRunsAgainAfterARestartAndItsEffectHappensOnce() {
        Map<String, Object> properties = new HashMap<>(Map.of("outreach.demo-data", "false",
                "outreach.dispatch.enabled", "false", "outreach.imap.enabled", "false",
                "outreach.simulator.enabled", "false", "server.port", "0"));
        PostgresIntegrationTest.postgres((name, value) -> properties.put(name, value.get()));
        SentMessage message;
        try (ConfigurableApplicationContext first = start(properties)) {
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            message = WebhookTestSupport.sentMessage(jdbc, first.getBean(LeadService.class));
            jdbc.sql("""
                    create function refuse_suppression() returns trigger language plpgsql
                    as $$ begin raise exception 'the suppression list is unavailable'; end $$
                    """).update();
            jdbc.sql("create trigger refuse_suppression before insert on suppression for each row"
                    + " execute function refuse_suppression()").update();

            EmailEventIngestion.Outcome outcome = SystemActor.call(() -> first.getBean(EmailEventIngestion.class)
                    .ingest(new EmailEvent("generic", "recovery-" + UUID.randomUUID(), EmailEventKind.BOUNCED,
                            message.id(), null, Instant.now(), true, false, "550 5.1.1 user unknown", null, null)));

            assertThat(outcome).isEqualTo(EmailEventIngestion.Outcome.APPLIED);
            assertThat(status(jdbc, "outreach_message", message.id())).isEqualTo("BOUNCED");
            assertThat(status(jdbc, "lead", message.leadId())).isEqualTo("BOUNCED");
            assertThat(suppressions(jdbc, message.leadEmail())).isZero();
            assertThat(jdbc.sql("select listener_id from event_publication where completion_date is null")
                    .query(String.class).list()).singleElement().asString().contains("BouncedAndUnsubscribedAddresses");
            jdbc.sql("drop trigger refuse_suppression on suppression").update();
        }

        try (ConfigurableApplicationContext second = start(properties)) {
            JdbcClient jdbc = second.getBean(JdbcClient.class);

            assertThat(jdbc.sql("select reason from suppression where kind = 'ADDRESS' and entry = ?")
                    .param(message.leadEmail()).query(String.class).list())
                    .containsExactly("hard bounce: 550 5.1.1 user unknown");
            assertThat(jdbc.sql("select count(*) from audit_log where action = 'lead.bounce' and entity_id = ?")
                    .param(String.valueOf(message.leadId())).query(Integer.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("select count(*) from event_publication").query(Integer.class).single()).isZero();
        }
    }

    /**
     * A crash of the instance that ran a listener leaves its publication unfinished (PROCESSING).
     * On another, running instance the registry's staleness check marks it FAILED once it is older
     * than any listener takes, and the scheduled retry runs it: the effect happens, once, without
     * waiting for a restart.
     */
    @Test
    void aListenerCutOffByACrashRunsAgainWhileTheApplicationRuns() {
        Map<String, Object> properties = new HashMap<>(Map.of("outreach.demo-data", "false",
                "outreach.dispatch.enabled", "false", "outreach.imap.enabled", "false",
                "outreach.simulator.enabled", "false", "server.port", "0",
                "spring.modulith.events.staleness.processing", "PT2S",
                "spring.modulith.events.staleness.check-intervall", "PT1S",
                "outreach.events.retry-interval", "PT1S"));
        PostgresIntegrationTest.postgres((name, value) -> properties.put(name, value.get()));
        try (ConfigurableApplicationContext running = start(properties)) {
            JdbcClient jdbc = running.getBean(JdbcClient.class);
            SentMessage message = WebhookTestSupport.sentMessage(jdbc, running.getBean(LeadService.class));
            jdbc.sql("""
                    create function refuse_suppression() returns trigger language plpgsql
                    as $$ begin raise exception 'the suppression list is unavailable'; end $$
                    """).update();
            jdbc.sql("create trigger refuse_suppression before insert on suppression for each row"
                    + " execute function refuse_suppression()").update();
            SystemActor.call(() -> running.getBean(EmailEventIngestion.class)
                    .ingest(new EmailEvent("generic", "crash-" + UUID.randomUUID(), EmailEventKind.BOUNCED,
                            message.id(), null, Instant.now(), true, false, "550 5.1.1 user unknown", null, null)));
            // as a crash in the middle of the listener leaves it: started, never finished
            jdbc.sql("drop trigger refuse_suppression on suppression").update();
            assertThat(jdbc.sql("update event_publication set status = 'PROCESSING' where completion_date is null")
                    .update()).isEqualTo(1);

            Eventually.eventually(() -> assertThat(suppressions(jdbc, message.leadEmail())).isEqualTo(1));
            Eventually.eventually(() -> assertThat(jdbc.sql("select count(*) from event_publication")
                    .query(Integer.class).single()).isZero());
            assertThat(jdbc.sql("select count(*) from audit_log where action = 'lead.bounce' and entity_id = ?")
                    .param(String.valueOf(message.leadId())).query(Integer.class).single()).isEqualTo(1);
        }
    }

    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        // as command-line arguments: they win over the profiles' files, as a test's properties do
        return new SpringApplicationBuilder(OutreachApplication.class).profiles("test", "postgres")
                .run(properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new));
    }

    private static String status(JdbcClient jdbc, String table, Object id) {
        return jdbc.sql("select status from " + table + " where id = ?").param(id).query(String.class).single();
    }

    private static int suppressions(JdbcClient jdbc, String email) {
        return jdbc.sql("select count(*) from suppression where entry = ?").param(email).query(Integer.class).single();
    }
}
