package dev.outreach.channel.phone;

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
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest
@ActiveProfiles("test")
class PhoneOutreachServiceTests {

    @Autowired
    PhoneOutreachService phone;
    @Autowired
    ManualTaskService tasks;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aCallBecomesATaskWithTheTalkingPointsAndADialableLink() {
        long leadId = jdbc.sql("select min(id) from lead").query(Long.class).single();

        DeliveryResult result = SystemActor.call(() -> deliver(leadId, "+1 (555) 010-4477"));

        assertThat(result.status()).isEqualTo(MessageStatus.PENDING);
        long taskId = Long.parseLong(result.providerMessageId().substring("task:".length()));
        ManualTaskView task = SystemActor.call(() -> tasks.open(ChannelType.PHONE, 1000)).stream()
                .filter(open -> open.id() == taskId).findFirst().orElseThrow();
        assertThat(task.type()).isEqualTo(ManualTaskType.CALL);
        assertThat(task.link()).isEqualTo("tel:+15550104477");
        assertThat(task.text()).isEqualTo("Ask about their spring maintenance backlog.");
    }

    @Test
    void aLeadWithoutAPhoneIsSkipped() {
        DeliveryResult result = SystemActor.call(() -> deliver(1, null));

        assertThat(result.status()).isEqualTo(MessageStatus.SKIPPED);
        assertThat(result.reason()).isEqualTo("lead has no phone number");
    }

    private DeliveryResult deliver(long leadId, String number) {
        Recipient lead = new Recipient(leadId, "Sam", "Reyes", "Reyes HVAC", null, null, null, null, null, number);
        Delivery delivery = new Delivery(null, "call", 1, lead,
                new Content(null, "Ask about their spring maintenance backlog.", null), null, DeliveryMode.SANDBOX);
        try (SenderSession session = phone.openSession()) {
            return session.deliver(delivery);
        }
    }
}
