package dev.outreach;

import dev.outreach.support.PostgresIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** {@link SchedulingLocksIntegrationTests} on PostgreSQL, as production takes and extends the locks. */
@ActiveProfiles({"test", "postgres"})
@TestPropertySource(properties = "outreach.demo-data=true")
class SchedulingLocksPostgresIntegrationTests extends SchedulingLocksIntegrationTests {

    @BeforeAll
    static void requirePostgres() {
        PostgresIntegrationTest.requirePostgres();
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresIntegrationTest.postgres(registry);
    }
}
