package dev.outreach.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.OutreachApplication;
import dev.outreach.deliverability.ReputationService;
import dev.outreach.deliverability.ReputationService.Scope;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.MessageSent;
import dev.outreach.shared.MessageStatus;
import dev.outreach.support.PostgresIntegrationTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A send's effects in other modules, through {@code MessageSent}, on PostgreSQL and Redis: an
 * email goes out (SANDBOX delivery, the sequencer's real path), the lead is CONTACTED with its
 * last outreach (in the send's transaction) and the mailbox's, domain's and global reputation
 * count one sent (after the commit), each by its own listener, without a publication row per
 * send; the same event delivered again counts nothing twice, and a restart changes nothing.
 */
class MessageSentIntegrationTests {

    @BeforeAll
    static void requirePostgres() {
        PostgresIntegrationTest.requirePostgres();
    }

    @Test
    void aSendsEffectsHappenOnceWithoutAPublicationAndARestartChangesNothing() {
        Map<String, Object> properties = new HashMap<>(Map.of("outreach.demo-data", "false",
                "outreach.dispatch.enabled", "false", "outreach.imap.enabled", "false",
                "outreach.simulator.enabled", "false", "outreach.cadence.tick-enabled", "false", "server.port", "0"));
        PostgresIntegrationTest.postgres((name, value) -> properties.put(name, value.get()));
        String mailbox = "sender@sent-effects.example";
        long leadId;
        Map<String, Object> leadAfterSend;
        try (ConfigurableApplicationContext first = start(properties)) {
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            senderMailbox(jdbc, mailbox);
            leadId = SystemActor.call(() -> first.getBean(LeadService.class).create(lead()));

            SequenceResult sent = SystemActor.call(() -> first.getBean(OutreachService.class)
                    .sendOutreachMessage(leadId, "Effects once", "Hello"));

            assertThat(sent.status()).isEqualTo(MessageStatus.SENT);
            leadAfterSend = lead(jdbc, leadId);
            Instant sentAt = jdbc.sql("select sent_at from outreach_message where id = ?").param(sent.messageId())
                    .query(Timestamp.class).single().toInstant();
            assertThat(leadAfterSend.get("status")).isEqualTo("CONTACTED");
            assertThat(((Timestamp) leadAfterSend.get("last_outreach_at")).toInstant()).isEqualTo(sentAt);
            assertSentOnce(first.getBean(ReputationService.class), mailbox);
            assertThat(jdbc.sql("select count(*) from event_publication").query(Integer.class).single())
                    .as("no publication for a send's effects").isZero();

            // the same event again (a second report of the same send): nothing moves
            MessageSent again = new MessageSent(sent.messageId(), leadId, null, ChannelType.EMAIL, null, mailbox, 1,
                    "initial", sentAt);
            SystemActor.run(() -> first.publishEvent(again));
            assertSentOnce(first.getBean(ReputationService.class), mailbox);
            assertThat(lead(jdbc, leadId)).as("the lead's row was not written again").isEqualTo(leadAfterSend);
        }

        try (ConfigurableApplicationContext second = start(properties)) {
            JdbcClient jdbc = second.getBean(JdbcClient.class);

            assertThat(jdbc.sql("select count(*) from event_publication").query(Integer.class).single()).isZero();
            assertSentOnce(second.getBean(ReputationService.class), mailbox);
            assertThat(lead(jdbc, leadId)).as("the lead's row was not written again").isEqualTo(leadAfterSend);
        }
    }

    private static void assertSentOnce(ReputationService reputation, String mailbox) {
        assertThat(reputation.getEmailReputationScoped(Scope.MAILBOX, mailbox).score().metrics().sent()).isEqualTo(1);
        assertThat(reputation.getEmailReputationScoped(Scope.DOMAIN, "sent-effects.example").score().metrics().sent())
                .isEqualTo(1);
        assertThat(reputation.getEmailReputation().metrics().sent()).isEqualTo(1);
    }

    private static void senderMailbox(JdbcClient jdbc, String address) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("insert into sending_domain (domain, created_at, updated_at) values ('sent-effects.example', ?, ?)")
                .params(now, now).update();
        jdbc.sql("""
                insert into mailbox (address, display_name, domain_id, smtp_host, smtp_port, created_at, updated_at)
                select ?, 'Sender', id, 'smtp.sent-effects.example', 587, ?, ? from sending_domain
                where domain = 'sent-effects.example'
                """).params(address, now, now).update();
    }

    private static LeadDraft lead() {
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("Effects");
        draft.setLastName("Once");
        draft.setCompany("Once HVAC");
        draft.setEmail("effects.once@once-hvac.example");
        return draft;
    }

    private static Map<String, Object> lead(JdbcClient jdbc, long id) {
        return jdbc.sql("select status, last_outreach_at, updated_at from lead where id = ?").param(id).query().singleRow();
    }

    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        // as command-line arguments: they win over the profiles' files, as a test's properties do
        return new SpringApplicationBuilder(OutreachApplication.class).profiles("test", "postgres")
                .run(properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new));
    }
}
