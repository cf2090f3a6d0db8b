package dev.outreach.events;

import dev.outreach.support.PostgresIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The tracking corpus on PostgreSQL: the row lock that makes three concurrent replays store each
 * open and click once is PostgreSQL's here ({@code FOR NO KEY UPDATE}), as in production.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "outreach.demo-data=false", "outreach.dispatch.enabled=false", "outreach.imap.enabled=false",
    "outreach.simulator.enabled=false", "outreach.cadence.check-interval=1h",
    "outreach.tracking.traffic.trusted-proxies=127.0.0.1/32,10.0.0.0/24"})
@ActiveProfiles({"test", "postgres"})
class InboundTrackingCorpusPostgresIntegrationTests extends InboundTrackingCorpusIntegrationTests {

    @BeforeAll
    static void requirePostgres() {
        PostgresIntegrationTest.requirePostgres();
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresIntegrationTest.postgres(registry);
    }
}
