package dev.outreach.deliverability;

import static dev.outreach.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.support.CapturedLog;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The health guard as the scheduler runs it: its {@code @Scheduled} method called by Spring's
 * scheduler under its ShedLock lock, every second, not the service method called by a test.
 */
@SpringBootTest(properties = {"outreach.dispatch.enabled=false", "outreach.imap.enabled=false",
        "outreach.reputation.guard-initial-delay=PT1S", "outreach.reputation.guard-interval=PT1S"})
@ActiveProfiles("test")
class HealthGuardScheduleIntegrationTests {

    @Autowired
    ReputationService reputation;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    @RegisterExtension
    final CapturedLog log = new CapturedLog();

    @Test
    void theScheduledGuardPausesEveryUnhealthyDomainAndMailboxAndAuditsEachOnce() throws InterruptedException {
        List<String> domains = jdbc.sql("select domain from sending_domain order by id").query(String.class).list();
        assertThat(domains).hasSizeGreaterThanOrEqualTo(3);
        String badA = domains.get(0);
        String badB = domains.get(1);
        String healthy = domains.get(2);
        String badMailbox = jdbc.sql("""
                select m.address from mailbox m join sending_domain d on d.id = m.domain_id
                where d.domain = :domain order by m.id fetch first 1 rows only
                """).param("domain", healthy).query(String.class).single();
        record(100, 30, badA, "");
        record(100, 30, badB, "");
        record(2_000, 0, healthy, "");
        record(100, 30, healthy, badMailbox);

        eventually(() -> {
            assertThat(jdbc.sql("select domain from sending_domain where status = 'PAUSED' and paused_by_health")
                    .query(String.class).list()).containsExactlyInAnyOrder(badA, badB);
            assertThat(jdbc.sql("select address from mailbox where not active and paused_by_health")
                    .query(String.class).list()).containsExactly(badMailbox);
        });
        // a few more runs: what is paused stays paused, and nothing is recorded twice
        Thread.sleep(2_500);

        assertThat(jdbc.sql("""
                select a.action || ' ' || coalesce(d.domain, m.address) || ' by ' || a.actor from audit_log a
                left join sending_domain d on a.entity_type = 'sending_domain' and d.id = cast(a.entity_id as bigint)
                left join mailbox m on a.entity_type = 'mailbox' and m.id = cast(a.entity_id as bigint)
                where a.action like '%.auto-%'
                """).query(String.class).list()).containsExactlyInAnyOrder(
                "domain.auto-pause " + badA + " by system", "domain.auto-pause " + badB + " by system",
                "mailbox.auto-pause " + badMailbox + " by system");
        assertThat(jdbc.sql("select count(*) from mailbox where not active").query(Long.class).single())
                .as("only the unhealthy mailbox is paused").isEqualTo(1);
        log.assertNoWarnings();
        assertThat(meters.get("outreach.job.runs").tags("name", "health-guard", "outcome", "success").timer().count())
                .as("runs seen on /actuator/prometheus").isGreaterThanOrEqualTo(2);
        assertThat(meters.find("outreach.job.runs").tags("name", "health-guard", "outcome", "failure").timer()).isNull();
    }

    private void record(int sent, int bounced, String domain, String mailbox) {
        for (int i = 0; i < sent; i++) {
            reputation.recordEmailEventScoped(EmailEventType.SENT, domain, mailbox);
        }
        for (int i = 0; i < bounced; i++) {
            reputation.recordEmailEventScoped(EmailEventType.BOUNCED, domain, mailbox);
        }
    }
}
