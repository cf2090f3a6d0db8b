package dev.outreach.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.lead.LeadService;
import dev.outreach.security.SystemActor;
import dev.outreach.support.PostgresIntegrationTest;
import dev.outreach.support.ScriptedSmtpServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * RFC 1047 through the whole outbox, on PostgreSQL and the Redis counters: a server that keeps
 * each message and hangs up instead of answering 250. The message may have gone out, so it is in
 * doubt (SENDING, flagged for review, with the reason), never sent again by itself, and its
 * rate-limit units stay taken, so the hourly cap holds. A connection lost before the message was
 * complete is an ordinary soft failure: retried later, its units given back.
 */
@TestPropertySource(properties = {"outreach.dispatch.enabled=false", "outreach.dispatch.parallelism=1",
        "outreach.cadence.tick-enabled=false"})
class LostReplyIntegrationTests extends PostgresIntegrationTest {

    @Autowired
    OutboxDispatcher dispatcher;
    @Autowired
    LeadService leads;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StringRedisTemplate redis;

    @BeforeEach
    void emptyOutboxAndCounters() {
        jdbc.sql("delete from outreach_attempt").update();
        jdbc.sql("delete from outreach_message").update();
        redis.execute((org.springframework.data.redis.core.RedisCallback<Object>) connection -> {
            connection.serverCommands().flushDb();
            return null;
        });
    }

    @Test
    void aReplyLostAfterTheFinalDotLeavesTheMessageInDoubtNeverRetriedAndTheCapHolds() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer().hangUpAfterData()) {
            LiveOutbox.pointAt(jdbc, smtp.port(), 3);
            List<UUID> ids = LiveOutbox.dueEmails(jdbc, leads, 5);

            assertThat(SystemActor.call(dispatcher::dispatchBatch)).isEqualTo(5);

            assertThat(smtp.acceptedMessages()).as("the hourly cap of 3").hasSize(3);
            List<UUID> inDoubt = ids.stream().filter(id -> "SENDING".equals(row(id).get("status"))).toList();
            assertThat(inDoubt).hasSize(3).allSatisfy(id -> {
                Map<String, Object> row = row(id);
                assertThat(row).containsEntry("status", "SENDING").containsEntry("needs_review", true);
                assertThat((String) row.get("status_reason"))
                        .startsWith("Email: connection lost after the message was sent; the server may have it");
                assertThat((String) row.get("provider_message_id")).contains(id.toString());
            });
            assertThat(attemptStatuses(inDoubt)).as("one attempt each, in doubt, none failed")
                    .containsExactly("SENDING", "SENDING", "SENDING");
            List<UUID> limited = ids.stream().filter(id -> !inDoubt.contains(id)).toList();
            assertThat(limited).allSatisfy(id -> assertThat(row(id)).containsEntry("status", "PENDING")
                    .containsEntry("needs_review", false));

            // Due again within the hour: the cap is still used up by the three in doubt, and they are never claimed.
            jdbc.sql("update outreach_message set due_at = current_timestamp - interval '1 second' where status = 'PENDING'")
                    .update();
            assertThat(SystemActor.call(dispatcher::dispatchBatch)).isEqualTo(2);
            assertThat(SystemActor.call(dispatcher::dispatchBatch)).isZero();
            assertThat(dispatcher.flagInterruptedSends()).isZero();

            assertThat(smtp.acceptedMessages()).as("nothing sent twice, the cap not exceeded").hasSize(3);
            assertThat(attemptStatuses(limited)).isEmpty();
            assertThat(inDoubt).allSatisfy(id -> assertThat(row(id)).containsEntry("status", "SENDING")
                    .containsEntry("needs_review", true));
        }
    }

    @Test
    void aConnectionLostBeforeTheMessageWasCompleteIsRetriedAndGivesItsUnitsBack() throws Exception {
        List<UUID> ids;
        try (ScriptedSmtpServer dropping = new ScriptedSmtpServer().hangUpAtData()) {
            LiveOutbox.pointAt(jdbc, dropping.port(), 3);
            ids = LiveOutbox.dueEmails(jdbc, leads, 3);

            assertThat(SystemActor.call(dispatcher::dispatchBatch)).isEqualTo(3);

            assertThat(ids).allSatisfy(id -> assertThat(row(id)).containsEntry("status", "PENDING")
                    .containsEntry("needs_review", false));
            assertThat(attemptStatuses(ids)).containsExactly("FAILED", "FAILED", "FAILED");
        }
        try (ScriptedSmtpServer answering = new ScriptedSmtpServer()) {
            LiveOutbox.pointAt(jdbc, answering.port(), 3);
            jdbc.sql("update outreach_message set due_at = current_timestamp - interval '1 second'").update();

            assertThat(SystemActor.call(dispatcher::dispatchBatch)).isEqualTo(3);

            assertThat(answering.acceptedMessages()).as("the failed tries gave their units back").hasSize(3);
            assertThat(ids).allSatisfy(id -> assertThat(row(id)).containsEntry("status", "SENT"));
        }
    }

    private Map<String, Object> row(UUID id) {
        return jdbc.sql("select status, needs_review, status_reason, provider_message_id from outreach_message where id = ?")
                .param(id).query().singleRow();
    }

    private List<String> attemptStatuses(List<UUID> ids) {
        return jdbc.sql("select status from outreach_attempt where message_id in (:ids) order by attempted_at, id")
                .param("ids", ids).query(String.class).list();
    }
}
