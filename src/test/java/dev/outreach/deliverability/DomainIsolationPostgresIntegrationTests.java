package dev.outreach.deliverability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.outreach.OutreachService;
import dev.outreach.outreach.SequenceResult;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.MessageStatus;
import dev.outreach.support.PostgresIntegrationTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reference's verification 1 on PostgreSQL and real Redis (the postgres profile): send from
 * two domains, bounces on domain A, A is paused and B keeps sending.
 */
class DomainIsolationPostgresIntegrationTests extends PostgresIntegrationTest {

    @Autowired
    ReputationService reputation;
    @Autowired
    HealthGuard guard;
    @Autowired
    OutreachService outreach;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StringRedisTemplate redis;

    @Test
    void bouncesOnDomainAPauseItWhileDomainBKeepsSending() {
        // Redis counters outlive a test run (and lead ids repeat in a recreated schema): give the channel and
        // each lead room, and keep other tests' mailboxes out of the rotation
        jdbc.sql("update channel_config set max_per_hour = 100000, max_per_day = 1000000, max_per_lead = 100000 where channel = 'EMAIL'")
                .update();
        jdbc.sql("update mailbox set active = false, paused_reason = 'not part of this test' where active").update();
        String run = Long.toString(System.nanoTime(), 36);
        String domainA = "a-" + run + ".example";
        String domainB = "b-" + run + ".example";
        long mailboxA = mailbox("ann@" + domainA, domain(domainA));
        long mailboxB = mailbox("bob@" + domainB, domain(domainB));
        List<Long> leads = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            leads.add(lead("lead" + i + "-" + run + "@customer.example"));
        }

        // both domains send while healthy: the rotation uses both
        List<Long> usedBefore = new ArrayList<>();
        for (long lead : leads.subList(0, 10)) {
            usedBefore.add(send(lead));
        }
        assertThat(usedBefore).contains(mailboxA, mailboxB);
        assertThat(reputation.getEmailReputationScoped(ReputationService.Scope.DOMAIN, domainA).score().metrics().sent())
                .as("every send counted in Redis for its domain").isEqualTo(usedBefore.stream().filter(id -> id == mailboxA).count());

        // domain A bounces (as bounce events would record them)
        for (int i = 0; i < 25; i++) {
            reputation.recordEmailEventScoped(EmailEventType.SENT, domainA, "ann@" + domainA);
        }
        for (int i = 0; i < 5; i++) {
            reputation.recordEmailEventScoped(EmailEventType.BOUNCED, domainA, "ann@" + domainA);
        }
        assertThat(redis.hasKey("email:reputation:domain:" + domainA + ":bounced")).isTrue();

        List<Long> usedAfter = new ArrayList<>();
        for (long lead : leads.subList(10, 30)) {
            usedAfter.add(send(lead));
        }
        assertThat(usedAfter).as("B keeps sending, A sends nothing").containsOnly(mailboxB).hasSize(20);

        HealthGuard.Changes changes = SystemActor.call(guard::run);
        assertThat(changes.paused()).contains(domainA).doesNotContain(domainB);
        assertThat(jdbc.sql("select status from sending_domain where domain = :d").param("d", domainA).query(String.class)
                .single()).isEqualTo("PAUSED");
        assertThat(jdbc.sql("select status from sending_domain where domain = :d").param("d", domainB).query(String.class)
                .single()).isEqualTo("ACTIVE");
    }

    @org.junit.jupiter.api.AfterEach
    void restoreOtherMailboxes() {
        jdbc.sql("update mailbox set active = true, paused_reason = null where paused_reason = 'not part of this test'")
                .update();
    }

    private long send(long leadId) {
        SequenceResult result = SystemActor.call(() -> outreach.sendOutreachMessage(leadId, "Hello", "Hi there"));
        assertThat(result.status()).isEqualTo(MessageStatus.SENT);
        return jdbc.sql("select mailbox_id from outreach_message where id = :id").param("id", result.messageId())
                .query(Long.class).single();
    }

    private long domain(String domain) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("insert into sending_domain (domain, status, daily_cap, created_at, updated_at) values (?, 'ACTIVE', 100000, ?, ?)")
                .params(domain, now, now).update();
        return jdbc.sql("select id from sending_domain where domain = ?").param(domain).query(Long.class).single();
    }

    private long mailbox(String address, long domainId) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                insert into mailbox (address, display_name, domain_id, smtp_host, smtp_port, smtp_security, daily_cap,
                                     active, created_at, updated_at)
                values (?, 'Sender', ?, 'sandbox', 0, 'NONE', 100000, true, ?, ?)
                """).params(address, domainId, now, now).update();
        return jdbc.sql("select id from mailbox where address = ?").param(address).query(Long.class).single();
    }

    private long lead(String email) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("insert into lead (first_name, email, created_at, updated_at) values ('Pat', ?, ?, ?)")
                .params(email, now, now).update();
        return jdbc.sql("select id from lead where email = ?").param(email).query(Long.class).single();
    }
}
