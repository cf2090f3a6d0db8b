package dev.outreach.deliverability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.channel.email.SandboxMailServer;
import dev.outreach.outreach.OutreachService;
import dev.outreach.outreach.SequenceResult;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.MessageStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Health-aware mailbox selection through the real sequencer (embedded mode: H2, in-process
 * reputation, sandbox delivery, the demo's 9 mailboxes over 3 domains).
 */
@SpringBootTest(properties = "outreach.dispatch.enabled=false")
@ActiveProfiles("test")
class MailboxSelectionIntegrationTests {

    @Autowired
    ReputationService reputation;
    @Autowired
    ReputationStore store;
    @Autowired
    MailboxDirectory directory;
    @Autowired
    HealthGuard guard;
    @Autowired
    OutreachService outreach;
    @Autowired
    SandboxMailServer sandbox;
    @Autowired
    JdbcClient jdbc;

    record Box(long id, String address, String domain) {
    }

    List<Box> boxes;
    List<String> domains;

    @BeforeEach
    void cleanSlate() {
        ((InProcessReputationStore) store).clear();
        jdbc.sql("update sending_domain set status = 'ACTIVE', paused_reason = null, paused_by_health = false").update();
        jdbc.sql("update mailbox set active = true, paused_reason = null, paused_by_health = false, reduced_until = null")
                .update();
        jdbc.sql("update lead set status = 'NEW' where status <> 'NEW'").update();
        jdbc.sql("delete from suppression").update();
        boxes = jdbc.sql("select m.id, m.address, d.domain from mailbox m join sending_domain d on d.id = m.domain_id order by m.id")
                .query((rs, n) -> new Box(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
        domains = boxes.stream().map(Box::domain).distinct().toList();
        assertThat(domains).hasSizeGreaterThanOrEqualTo(2);
    }

    private void record(int count, EmailEventType type, String domain, String mailbox) {
        for (int i = 0; i < count; i++) {
            reputation.recordEmailEventScoped(type, domain, mailbox);
        }
    }

    private List<Long> leadsWithEmail(int count) {
        return jdbc.sql("select id from lead where email is not null order by id fetch first " + count + " rows only")
                .query(Long.class).list();
    }

    private String domainOfSender(SequenceResult result) {
        return jdbc.sql("""
                select d.domain from outreach_message o join mailbox m on m.id = o.mailbox_id
                join sending_domain d on d.id = m.domain_id where o.id = :id
                """).param("id", result.messageId()).query(String.class).single();
    }

    @Test
    void aDomainWhoseReputationIsPausedIsSkipped() {
        String bad = domains.getFirst();
        record(30, EmailEventType.SENT, bad, "");
        record(6, EmailEventType.BOUNCED, bad, "");

        MailboxDirectory.Selection selection = directory.select();

        assertThat(selection.eligible()).isNotEmpty()
                .allSatisfy(eligible -> assertThat(eligible.mailbox().address()).doesNotEndWith("@" + bad));
        assertThat(boxes.stream().filter(box -> box.domain().equals(bad)))
                .allSatisfy(box -> assertThat(selection.skipped().get(box.address()))
                        .contains("domain " + bad + " reputation is paused").contains("6 bounced (20.0%, 95% CI 9.5%-37.3%)"));
        for (long leadId : leadsWithEmail(6)) {
            SequenceResult result = SystemActor.call(() -> outreach.sendOutreachMessage(leadId, "Hello", "Hi there"));
            assertThat(result.status()).isEqualTo(MessageStatus.SENT);
            assertThat(domainOfSender(result)).isNotEqualTo(bad);
        }
    }

    @Test
    void whenEveryMailboxOfOneDomainIsUnhealthyTheOtherDomainsSend() {
        String bad = domains.getFirst();
        // the domain as a whole is fine (many good sends), its mailboxes each bounce 25%
        record(500, EmailEventType.SENT, bad, "");
        boxes.stream().filter(box -> box.domain().equals(bad)).forEach(box -> {
            record(20, EmailEventType.SENT, bad, box.address());
            record(5, EmailEventType.BOUNCED, bad, box.address());
        });
        assertThat(reputation.getDomainHealthMap().get(bad).paused()).isFalse();

        for (long leadId : leadsWithEmail(6)) {
            SequenceResult result = SystemActor.call(() -> outreach.sendOutreachMessage(leadId, "Hello", "Hi there"));
            assertThat(result.status()).isEqualTo(MessageStatus.SENT);
            assertThat(domainOfSender(result)).isNotEqualTo(bad);
        }
    }

    @Test
    void whenNoMailboxIsHealthyTheMessageWaitsAndNothingIsSent() {
        for (String domain : domains) {
            record(20, EmailEventType.SENT, domain, "");
            record(5, EmailEventType.BOUNCED, domain, "");
        }
        int sandboxBefore = SystemActor.call(sandbox::count);
        long leadId = leadsWithEmail(1).getFirst();

        SequenceResult result = SystemActor.call(() -> outreach.sendOutreachMessage(leadId, "Hello", "Hi there"));

        assertThat(result.status()).isEqualTo(MessageStatus.PENDING);
        Map<String, Object> row = jdbc.sql("select status, status_reason, mailbox_id from outreach_message where id = :id")
                .param("id", result.messageId()).query().singleRow();
        assertThat(row.get("status")).isEqualTo("PENDING");
        assertThat((String) row.get("status_reason")).containsIgnoringCase("no healthy mailbox");
        assertThat(row.get("mailbox_id")).isNull();
        assertThat(jdbc.sql("select count(*) from outreach_attempt where message_id = :id").param("id", result.messageId())
                .query(Long.class).single()).isZero();
        assertThat(SystemActor.call(sandbox::count)).isEqualTo(sandboxBefore);
    }

    @Test
    void theHealthGuardPausesWithTheFiguresAndResumesAtHalfCapOnceTheWindowIsClean() {
        String bad = domains.getFirst();
        Box mailbox = boxes.stream().filter(box -> !box.domain().equals(bad)).findFirst().orElseThrow();
        record(30, EmailEventType.SENT, bad, "");
        record(6, EmailEventType.BOUNCED, bad, "");
        record(500, EmailEventType.SENT, mailbox.domain(), "");
        record(20, EmailEventType.SENT, mailbox.domain(), mailbox.address());
        record(5, EmailEventType.BOUNCED, mailbox.domain(), mailbox.address());

        HealthGuard.Changes paused = SystemActor.call(guard::run);

        assertThat(paused.paused()).containsExactlyInAnyOrder(bad, mailbox.address());
        assertThat(jdbc.sql("select status from sending_domain where domain = :d").param("d", bad).query(String.class).single())
                .isEqualTo("PAUSED");
        assertThat(jdbc.sql("select after_value from audit_log where action = 'domain.auto-pause' order by id desc")
                .query(String.class).list().getFirst()).contains("30 sent, 6 bounced (20.0%, 95% CI 9.5%-37.3%)");
        assertThat(jdbc.sql("select active from mailbox where id = :id").param("id", mailbox.id()).query(Boolean.class).single())
                .isFalse();
        assertThat(SystemActor.call(guard::run).paused()).as("a second run changes nothing").isEmpty();

        // the window drains (24 hours without those events)
        ((InProcessReputationStore) store).clear();
        HealthGuard.Changes resumed = SystemActor.call(guard::run);

        assertThat(resumed.resumed()).containsExactlyInAnyOrder(bad, mailbox.address());
        assertThat(jdbc.sql("select reduced_until from mailbox where id = :id").param("id", mailbox.id())
                .query(java.sql.Timestamp.class).single()).isNotNull();
        assertThat(directory.select().eligible().stream().filter(e -> e.mailbox().id() == mailbox.id()).findFirst()
                .orElseThrow().dailyCap()).as("half the cap after an automatic resume")
                .isEqualTo(jdbc.sql("select daily_cap from mailbox where id = :id").param("id", mailbox.id())
                        .query(Integer.class).single() / 2);
        assertThat(jdbc.sql("select count(*) from audit_log where action in ('domain.auto-resume', 'mailbox.auto-resume')")
                .query(Long.class).single()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void oneBounceInTwentySendsPausesNothingAndAPausedMailboxWaitsUntilItsWindowIsUnderTheWarningLine() {
        Box quiet = boxes.getFirst();
        Box bouncing = boxes.stream().filter(box -> !box.domain().equals(quiet.domain())).findFirst().orElseThrow();
        record(20, EmailEventType.SENT, quiet.domain(), quiet.address());
        record(1, EmailEventType.BOUNCED, quiet.domain(), quiet.address());
        record(2_000, EmailEventType.SENT, bouncing.domain(), "");
        record(100, EmailEventType.SENT, bouncing.domain(), bouncing.address());
        record(30, EmailEventType.BOUNCED, bouncing.domain(), bouncing.address());

        assertThat(SystemActor.call(guard::run).paused()).containsExactly(bouncing.address());
        assertThat(directory.select().skipped()).as("5% of 20 sends proves nothing").doesNotContainKey(quiet.address());
        assertThat(jdbc.sql("select paused_reason from mailbox where id = :id").param("id", bouncing.id())
                .query(String.class).single()).isEqualTo("Automatic pause: mailbox reputation is paused (score 30, 100 sent,"
                        + " 30 bounced (30.0%, 95% CI 21.9%-39.6%), 0 complaints (0.00%, 95% CI 0.00%-3.70%) in 24 h)");

        // the window drains to 6% of 100: no longer proven over 5%, still over 2%
        ((InProcessReputationStore) store).clear();
        record(2_000, EmailEventType.SENT, bouncing.domain(), "");
        record(100, EmailEventType.SENT, bouncing.domain(), bouncing.address());
        record(6, EmailEventType.BOUNCED, bouncing.domain(), bouncing.address());
        assertThat(SystemActor.call(guard::run).resumed()).as("no flapping at the line").isEmpty();

        ((InProcessReputationStore) store).clear();
        record(100, EmailEventType.SENT, bouncing.domain(), bouncing.address());
        record(1, EmailEventType.BOUNCED, bouncing.domain(), bouncing.address());
        assertThat(SystemActor.call(guard::run).resumed()).containsExactly(bouncing.address());
    }

    @Test
    void anAdminsPauseIsNeverResumedByTheGuard() {
        Box mailbox = boxes.getFirst();
        jdbc.sql("update mailbox set active = false, paused_reason = 'DNS change' where id = :id").param("id", mailbox.id())
                .update();

        assertThat(SystemActor.call(guard::run).resumed()).doesNotContain(mailbox.address());
        assertThat(directory.select().skipped().get(mailbox.address())).isEqualTo("mailbox is paused: DNS change");
    }
}
