package dev.outreach.channel.linkedin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.channel.ChannelSender.SenderSession;
import dev.outreach.channel.Delivery;
import dev.outreach.channel.Delivery.Content;
import dev.outreach.channel.Delivery.Recipient;
import dev.outreach.channel.DeliveryResult;
import dev.outreach.channel.task.ManualTaskService;
import dev.outreach.channel.task.ManualTaskType;
import dev.outreach.channel.task.ManualTaskView;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.DeliveryMode;
import dev.outreach.shared.MessageStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** The default MANUAL gateway, as the app is configured out of the box. */
@SpringBootTest
@ActiveProfiles("test")
class LinkedInManualGatewayTests {

    @Autowired
    LinkedInOutreachService linkedIn;
    @Autowired
    ManualTaskService tasks;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aConnectionRequestBecomesATaskWithTheNoteAndTheProfileLink() {
        long leadId = leadId();
        UUID messageId = message(leadId);
        Delivery delivery = delivery(messageId, leadId, "connection_request", DeliveryMode.LIVE);

        DeliveryResult result = SystemActor.call(() -> deliver(delivery));

        assertThat(result.status()).isEqualTo(MessageStatus.PENDING);
        assertThat(result.providerMessageId()).startsWith("task:");
        long taskId = Long.parseLong(result.providerMessageId().substring("task:".length()));
        ManualTaskView task = SystemActor.call(() -> tasks.open(ChannelType.LINKEDIN, 1000)).stream()
                .filter(open -> open.id() == taskId).findFirst().orElseThrow();
        assertThat(task.type()).isEqualTo(ManualTaskType.CONNECTION_REQUEST);
        assertThat(task.messageId()).isEqualTo(messageId);
        assertThat(task.leadId()).isEqualTo(leadId);
        assertThat(task.text()).isEqualTo("Hi Jane, glad to connect.");
        assertThat(task.link()).isEqualTo("https://www.linkedin.com/in/jane-doe-" + leadId);
        assertThat(task.dueAt()).isEqualTo(task.createdAt().plusSeconds(72 * 3600));
    }

    @Test
    void sandboxQueuesNoTask() {
        long leadId = leadId();
        long before = SystemActor.call(() -> tasks.countOpen(ChannelType.LINKEDIN));

        DeliveryResult result = SystemActor.call(() ->
                deliver(delivery(message(leadId), leadId, "direct_message", DeliveryMode.SANDBOX)));

        assertThat(result.status()).isEqualTo(MessageStatus.SENT);
        assertThat(result.details()).startsWith("SANDBOX: would send direct message to https://www.linkedin.com/in/");
        assertThat(SystemActor.call(() -> tasks.countOpen(ChannelType.LINKEDIN))).isEqualTo(before);
    }

    private DeliveryResult deliver(Delivery delivery) {
        try (SenderSession session = linkedIn.openSession()) {
            return session.deliver(delivery);
        }
    }

    private static Delivery delivery(UUID messageId, long leadId, String type, DeliveryMode mode) {
        Recipient jane = new Recipient(leadId, "Jane", "Doe", "Doe Plumbing", null, "jane-doe-" + leadId, null, null,
                null, null);
        return new Delivery(messageId, type, 1, jane, new Content(null, "Hi Jane, glad to connect.", null), null, mode);
    }

    private long leadId() {
        return jdbc.sql("select min(id) from lead").query(Long.class).single();
    }

    /** The outreach message the task belongs to (manual_task.message_id references it). */
    private UUID message(long leadId) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                insert into outreach_message (id, lead_id, message_type, status, due_at, created_at, updated_at)
                values (:id, :leadId, 'connection_request', 'SENDING', :now, :now, :now)
                """).param("id", id).param("leadId", leadId).param("now", now).update();
        return id;
    }
}
