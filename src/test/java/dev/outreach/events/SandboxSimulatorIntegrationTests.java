package dev.outreach.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.deliverability.ReputationService;
import dev.outreach.outreach.OutreachService;
import dev.outreach.outreach.SequenceResult;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.MessageStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Sandbox email becomes events through the real ingestion path: statuses, counts and reputation
 * move, and a second run adds nothing. No complaints (a complainer never opens, and at the
 * default rate of 1 in 1,000 one of 40 messages came up now and then), so every delivered
 * message is opened, and every one a person opened is answered.
 */
@SpringBootTest(properties = {"outreach.dispatch.enabled=false", "outreach.simulator.enabled=true",
        "outreach.simulator.delay=0s", "outreach.simulator.interval=1h", "outreach.simulator.open-rate=1",
        "outreach.simulator.bounce-rate=0.3", "outreach.simulator.complaint-rate=0", "outreach.simulator.reply-rate=1"})
@ActiveProfiles("test")
class SandboxSimulatorIntegrationTests {

    @Autowired
    SandboxEventSimulator simulator;
    @Autowired
    OutreachService outreach;
    @Autowired
    ReputationService reputation;
    @Autowired
    JdbcClient jdbc;

    @Test
    void sandboxEmailGetsDeliveryBounceAndOpenEventsOnce() {
        long deliveredBefore = reputation.getEmailReputation().metrics().delivered();
        long bouncedBefore = reputation.getEmailReputation().metrics().bounced();
        List<Long> leadIds = jdbc.sql("select id from lead where email is not null and status = 'NEW' order by id fetch first 40 rows only")
                .query(Long.class).list();
        List<UUID> messages = new ArrayList<>();
        for (long leadId : leadIds) {
            SequenceResult result = SystemActor.call(() -> outreach.sendOutreachMessage(leadId, "Hello", "Hi there"));
            assertThat(result.status()).isEqualTo(MessageStatus.SENT);
            messages.add(result.messageId());
        }

        assertThat(simulator.run()).isEqualTo(40);

        long bounced = reputation.getEmailReputation().metrics().bounced() - bouncedBefore;
        long delivered = reputation.getEmailReputation().metrics().delivered() - deliveredBefore;
        assertThat(bounced).as("about 30%% of 40 bounce").isBetween(2L, 25L);
        assertThat(delivered).isEqualTo(40 - bounced);
        List<String> statuses = messages.stream().map(id -> jdbc.sql("select status from outreach_message where id = :id")
                .param("id", id).query(String.class).single()).toList();
        assertThat(statuses).contains("DELIVERED", "BOUNCED").doesNotContain("PENDING", "SENDING");
        long opened = jdbc.sql("select count(*) from outreach_message where id in (:ids) and open_count > 0")
                .param("ids", messages).query(Long.class).single();
        assertThat(opened).as("every delivered message is opened at open-rate 1; events: %s", jdbc.sql(
                "select m.status || ':' || m.open_count || ':' || coalesce((select listagg(e.event_type || '@' || e.provider_event_id, ',')"
                        + " from email_event e where e.message_id = m.id), '') from outreach_message m where m.id in (:ids)")
                .param("ids", messages).query(String.class).list()).isEqualTo(delivered);
        long events = jdbc.sql("select count(*) from email_event where provider = 'simulator'").query(Long.class).single();

        assertThat(simulator.run()).as("each message is simulated once").isZero();
        assertThat(jdbc.sql("select count(*) from email_event where provider = 'simulator'").query(Long.class).single())
                .isEqualTo(events);
    }

    @Test
    void simulatedRepliesArriveInTheInboxWithTheirTextAndALabel() {
        List<Long> leadIds = jdbc.sql("select id from lead where email is not null and status = 'NEW' order by id desc fetch first 30 rows only")
                .query(Long.class).list();
        List<UUID> messages = new ArrayList<>();
        for (long leadId : leadIds) {
            messages.add(SystemActor.call(() -> outreach.sendOutreachMessage(leadId, "Spring tune-up", "Hi there")).messageId());
        }

        simulator.run();

        long replied = jdbc.sql("select count(*) from outreach_message where id in (:ids) and status = 'REPLIED'")
                .param("ids", messages).query(Long.class).single();
        List<String> replies = jdbc.sql("""
                select r.subject || ' | ' || r.from_address || ' | ' || coalesce(i.label, 'unlabelled') || ' | ' || r.excerpt
                from email_reply r join lead l on l.id = r.lead_id and l.email = r.from_address
                left join reply_intent i on i.reply_id = r.id
                where r.message_id in (:ids) and r.kind = 'REPLY'
                """).param("ids", messages).query(String.class).list();
        assertThat(replied).as("a person opened some of 30 (machine opens are 30%%)").isPositive();
        assertThat(replies).as("one reply mail per replied message, from the lead").hasSize((int) replied)
                .allSatisfy(reply -> assertThat(reply).startsWith("Re: Spring tune-up | ").doesNotContain("unlabelled"));
        assertThat(replies.stream().map(reply -> reply.split(" \\| ")[2]).distinct().count())
                .as("the replies say different things: %s", replies).isGreaterThan(1);

        simulator.run();
        assertThat(jdbc.sql("select count(*) from email_reply where message_id in (:ids)").param("ids", messages)
                .query(Long.class).single()).as("a second run records no reply twice").isEqualTo(replied);
    }
}
