package dev.outreach.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.deliverability.Mailbox;
import dev.outreach.deliverability.MailboxService;
import dev.outreach.security.Role;
import dev.outreach.support.KaribuTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Pausing and resuming a mailbox publishes {@code MailboxPaused} / {@code MailboxResumed}: the
 * audit log records each (its in-transaction listener), and on a resume the email waiting for a
 * mailbox is due at once (the outbox's listener, after the commit), while email waiting for
 * anything else keeps its time.
 */
class EmailWaitingForAMailboxTests extends KaribuTest {

    @Autowired
    MailboxService mailboxes;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void cleanUp() {
        jdbc.sql("delete from outreach_message where subject = 'Waiting for a mailbox'").update();
        jdbc.sql("update mailbox set active = true, paused_reason = null, paused_at = null, paused_by_health = false")
                .update();
    }

    @Test
    void resumingAMailboxMakesTheEmailWaitingForOneDueAndIsAudited() {
        login("alice", Role.ADMIN);
        Mailbox mailbox = mailboxes.findAll().getFirst();
        Instant later = Instant.now().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant tomorrow = later.plus(Duration.ofDays(1));
        UUID noMailbox = pending(SendRules.NO_HEALTHY_MAILBOX + " (no mailbox is set up)", later);
        UUID capsFull = pending(SendRules.EVERY_MAILBOX_FULL, tomorrow);
        UUID rateLimited = pending("Waiting for the Email rate limit: 100 per hour", later);

        mailboxes.pause(mailbox.id(), "Provider maintenance");

        assertThat(audit("mailbox.pause", mailbox.id())).first().asString().contains("Provider maintenance");
        assertThat(dueAt(noMailbox)).as("a pause moves nothing: the mailbox is chosen at each try").isEqualTo(later);

        Instant beforeResume = Instant.now();
        mailboxes.resume(mailbox.id(), "Maintenance over");

        assertThat(audit("mailbox.resume", mailbox.id())).first().asString().contains("Maintenance over");
        assertThat(dueAt(noMailbox)).isBetween(beforeResume, Instant.now());
        assertThat(dueAt(capsFull)).isBetween(beforeResume, Instant.now());
        assertThat(dueAt(rateLimited)).as("a rate limit is no mailbox's").isEqualTo(later);
    }

    private UUID pending(String reason, Instant due) {
        UUID id = UUID.randomUUID();
        long lead = jdbc.sql("select id from lead order by id fetch first 1 rows only").query(Long.class).single();
        jdbc.sql("""
                insert into outreach_message (id, lead_id, touch, message_type, subject, body, status, status_reason,
                    due_at, created_at, updated_at)
                values (:id, :lead, 0, 'initial', 'Waiting for a mailbox', 'Hello', 'PENDING', :reason, :due, :now, :now)
                """).param("id", id).param("lead", lead).param("reason", reason).param("due", Timestamp.from(due))
                .param("now", Timestamp.from(Instant.now())).update();
        return id;
    }

    private Instant dueAt(UUID id) {
        return jdbc.sql("select due_at from outreach_message where id = ?").param(id).query(Timestamp.class).single()
                .toInstant();
    }

    private List<String> audit(String action, long mailboxId) {
        return jdbc.sql("select after_value from audit_log where action = ? and entity_id = ? order by id desc")
                .params(action, String.valueOf(mailboxId)).query(String.class).list();
    }
}
