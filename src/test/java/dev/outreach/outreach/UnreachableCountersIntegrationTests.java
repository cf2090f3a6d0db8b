package dev.outreach.outreach;

import static dev.outreach.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.OutreachApplication;
import dev.outreach.channel.ratelimit.RateLimiterAvailability;
import dev.outreach.support.CapturedLog;
import dev.outreach.support.PostgresIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two instances on one PostgreSQL: one whose Redis is a closed port, one healthy. The broken one
 * claims nothing (it could not take a cap) and says so in one line, without a stack trace; the
 * healthy one sends every due message as soon as it is up, none held back by the broken one.
 */
class UnreachableCountersIntegrationTests {

    private static final int MESSAGES = 12;

    @RegisterExtension
    final CapturedLog log = new CapturedLog().ignoring("org.flywaydb"); // "extension pg_trgm already exists"

    @BeforeAll
    static void requirePostgres() {
        PostgresIntegrationTest.requirePostgres();
    }

    /**
     * Sets up logging as the first application would, before the test's log capture starts: the
     * applications started inside the test then find it done and leave the capture attached.
     */
    @BeforeAll
    static void initializeLogging() {
        LoggingSystem logging = LoggingSystem.get(UnreachableCountersIntegrationTests.class.getClassLoader());
        logging.beforeInitialize();
        logging.initialize(new LoggingInitializationContext(new StandardEnvironment()), null, null);
    }

    @Test
    void anInstanceWithoutItsCountersClaimsNothingAndTheHealthyOneSendsEveryDueMessageOnTime() {
        Map<String, Object> common = new HashMap<>(Map.of("outreach.demo-data", "true", "outreach.imap.enabled", "false",
                "outreach.simulator.enabled", "false", "server.port", "0", "outreach.dispatch.poll-interval", "1s",
                "outreach.rate-limits.probe-interval", "1s", "outreach.cadence.tick-enabled", "false",
                // the health guard reads reputation from Redis too; here only the dispatch is under test
                "outreach.reputation.guard-initial-delay", "PT10M"));
        PostgresIntegrationTest.postgres((name, value) -> common.put(name, value.get()));
        Map<String, Object> broken = new HashMap<>(common);
        broken.put("spring.data.redis.url", "redis://127.0.0.1:1/3");
        try (ConfigurableApplicationContext brokenInstance = start(broken)) {
            JdbcClient jdbc = brokenInstance.getBean(JdbcClient.class);
            List<Long> leads = jdbc.sql("""
                    select id from lead where status = 'NEW' and email is not null order by id limit :n
                    """).param("n", MESSAGES).query(Long.class).list();
            Instant due = Instant.now();
            leads.forEach(lead -> queue(jdbc, lead, due));
            long runsBefore = dispatcherRuns(brokenInstance);

            eventually(() -> assertThat(dispatcherRuns(brokenInstance)).as("the broken instance's dispatcher ran")
                    .isGreaterThan(runsBefore + 3));
            assertThat(statuses(jdbc)).as("nothing claimed by the broken instance").containsOnlyKeys("PENDING");
            assertThat(jdbc.sql("select count(*) from outreach_attempt a join outreach_message m on m.id = a.message_id"
                    + " where m.subject = 'Counters test'").query(Long.class).single()).isZero();
            assertThat(log.warnings()).as("one line when the counters became unreachable, no stack trace")
                    .singleElement().asString()
                    .startsWith("WARN " + RateLimiterAvailability.class.getName()
                            + ": The rate-limit counters cannot be reached (")
                    .doesNotContain("\n");
            assertThat(brokenInstance.getBean("rateLimiterHealth", HealthIndicator.class).health().getStatus())
                    .isEqualTo(Status.DOWN);

            Map<String, Object> healthy = new HashMap<>(common);
            try (ConfigurableApplicationContext healthyInstance = start(healthy)) {
                Instant up = Instant.now();
                eventually(() -> assertThat(statuses(jdbc)).as("every due message sent by the healthy instance")
                        .isEqualTo(Map.of("SENT", (long) MESSAGES)));
                List<Timestamp> sentAt = jdbc.sql("select sent_at from outreach_message where subject = 'Counters test'")
                        .query(Timestamp.class).list();
                assertThat(sentAt).as("on time: none deferred by a claim of the broken instance")
                        .allSatisfy(sent -> assertThat(sent.toInstant()).isBefore(up.plus(Duration.ofSeconds(30))));
                assertThat(jdbc.sql("""
                        select count(*) from outreach_attempt a join outreach_message m on m.id = a.message_id
                        where m.subject = 'Counters test'
                        """).query(Long.class).single()).as("one attempt each").isEqualTo(MESSAGES);
                assertThat(healthyInstance.getBean(RateLimiterAvailability.class).reachable()).isTrue();
            }
            assertThat(log.warnings()).as("still the one line").hasSize(1);
            assertThat(log.stackTraces()).as("no stack trace in the log").isEmpty();
        }
    }

    private static void queue(JdbcClient jdbc, long lead, Instant due) {
        jdbc.sql("""
                insert into outreach_message (id, lead_id, touch, message_type, subject, body, status, due_at, created_at,
                    updated_at, step_index, first_channel)
                values (gen_random_uuid(), :lead, 0, 'cold_outreach', 'Counters test', 'Hi there', 'PENDING', :due, :due,
                    :due, 0, 'EMAIL')
                """).param("lead", lead).param("due", Timestamp.from(due)).update();
    }

    private static Map<String, Long> statuses(JdbcClient jdbc) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("select status, count(*) from outreach_message where subject = 'Counters test' group by status")
                .query((row, i) -> counts.put(row.getString(1), row.getLong(2))).list();
        return counts;
    }

    private static long dispatcherRuns(ConfigurableApplicationContext instance) {
        Timer timer = instance.getBean(MeterRegistry.class).find("outreach.job.runs")
                .tags("name", "outbox-dispatcher", "outcome", "success").timer();
        return timer == null ? 0 : timer.count();
    }

    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        // as command-line arguments: they win over the profiles' files, as a test's properties do
        return new SpringApplicationBuilder(OutreachApplication.class).profiles("test", "postgres")
                .run(properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new));
    }
}
