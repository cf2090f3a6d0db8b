package dev.outreach.outreach;

import static dev.outreach.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.OutreachApplication;
import dev.outreach.lead.LeadService;
import dev.outreach.support.PostgresIntegrationTest;
import dev.outreach.support.ScriptedSmtpServer;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Stopping an instance mid-batch, on PostgreSQL, with the real scheduler claiming: a slow SMTP
 * server (each message's reply takes most of a second) keeps three senders busy, and the
 * application context is closed while they work through their shares. Each sender finishes the
 * message in hand; everything claimed and not started is PENDING again at once, due as it was.
 * Nothing is left SENDING or in doubt, and what the server took is exactly what is SENT.
 */
class GracefulShutdownIntegrationTests {

    private static final int MESSAGES = 15;

    @BeforeAll
    static void requirePostgres() {
        PostgresIntegrationTest.requirePostgres();
    }

    @Test
    void aStoppedInstanceFinishesItsSendsAndReturnsWhatItDidNotStartLeavingNothingInDoubt() throws Exception {
        Map<String, Object> properties = new HashMap<>(Map.of("outreach.demo-data", "false",
                "outreach.imap.enabled", "false", "outreach.simulator.enabled", "false", "server.port", "0",
                "outreach.cadence.tick-enabled", "false", "outreach.dispatch.poll-interval", "300ms",
                "outreach.dispatch.batch-size", String.valueOf(MESSAGES), "outreach.dispatch.parallelism", "3"));
        PostgresIntegrationTest.postgres((name, value) -> properties.put(name, value.get()));
        // our own connection: the application's pool closes with it
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource((String) properties.get("spring.datasource.url"),
                (String) properties.get("spring.datasource.username"), (String) properties.get("spring.datasource.password")));

        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer().delayDataEnd(Duration.ofMillis(700))) {
            List<UUID> ids;
            Map<UUID, Timestamp> dueBefore = new HashMap<>();
            long closing;
            try (ConfigurableApplicationContext app = start(properties)) {
                LiveOutbox.pointAt(jdbc, smtp.port(), 1000);
                ids = LiveOutbox.dueEmails(jdbc, app.getBean(LeadService.class), MESSAGES);
                ids.forEach(id -> dueBefore.put(id, jdbc.sql("select due_at from outreach_message where id = ?").param(id)
                        .query(Timestamp.class).single()));
                // the batch is claimed and every sender is into its share
                eventually(() -> assertThat(smtp.acceptedMessages()).hasSizeGreaterThanOrEqualTo(3));
                assertThat(count(jdbc, "status = 'SENDING'")).isGreaterThan(0);
                closing = System.nanoTime();
            }
            Duration stopTook = Duration.ofNanos(System.nanoTime() - closing);

            int sent = count(jdbc, "status = 'SENT'");
            assertThat(count(jdbc, "status = 'SENDING'")).as("nothing left SENDING").isZero();
            assertThat(count(jdbc, "needs_review")).as("nothing in doubt").isZero();
            assertThat(sent).as("what the server took is what is SENT").isEqualTo(smtp.acceptedMessages().size());
            assertThat(count(jdbc, "status = 'PENDING'")).as("the unstarted ones, returned")
                    .isEqualTo(MESSAGES - sent).isPositive();
            List<UUID> pending = jdbc.sql("select id from outreach_message where status = 'PENDING'").query(UUID.class).list();
            assertThat(pending).allSatisfy(id -> assertThat(jdbc.sql("select due_at from outreach_message where id = ?")
                    .param(id).query(Timestamp.class).single()).as("due as it was").isEqualTo(dueBefore.get(id)));
            assertThat(jdbc.sql("select count(*) from outreach_attempt where message_id in (:ids)").param("ids", pending)
                    .query(Integer.class).single()).as("no attempt on a returned message").isZero();
            assertThat(stopTook).as("the senders only finished the message in hand").isLessThan(Duration.ofSeconds(10));
        }
    }

    private static int count(JdbcClient jdbc, String condition) {
        return jdbc.sql("select count(*) from outreach_message where " + condition).query(Integer.class).single();
    }

    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        // as command-line arguments: they win over the profiles' files, as a test's properties do
        return new SpringApplicationBuilder(OutreachApplication.class).profiles("test", "postgres")
                .run(properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new));
    }
}
