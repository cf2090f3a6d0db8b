package dev.outreach;

import dev.outreach.support.PostgresIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * {@link ScheduledJobsIntegrationTests} on the {@code postgres} profile (PostgreSQL and Redis), with
 * the demo senders and leads: the schedules, locks and claims as production runs them.
 */
@ActiveProfiles({"test", "postgres"})
@TestPropertySource(properties = "outreach.demo-data=true")
class ScheduledJobsPostgresIntegrationTests extends ScheduledJobsIntegrationTests {

    @BeforeAll
    static void requirePostgres() {
        PostgresIntegrationTest.requirePostgres();
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresIntegrationTest.postgres(registry);
    }
}
