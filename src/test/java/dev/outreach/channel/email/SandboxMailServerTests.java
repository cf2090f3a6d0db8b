package dev.outreach.channel.email;

import static dev.outreach.channel.email.EmailDeliveries.delivery;
import static dev.outreach.channel.email.EmailDeliveries.mailbox;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.channel.ChannelSender.SenderSession;
import dev.outreach.channel.Delivery;
import dev.outreach.channel.DeliveryResult;
import dev.outreach.shared.DeliveryMode;
import dev.outreach.shared.MessageStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SandboxMailServerTests {

    private SandboxMailServer sandbox;

    @AfterEach
    void stopSandbox() {
        if (sandbox != null) {
            sandbox.stop();
        }
    }

    private SandboxMailServer started(int maxMessages) {
        sandbox = new SandboxMailServer(new SandboxMailProperties(true, 0, maxMessages), EmailDeliveries.CLOCK);
        sandbox.start();
        return sandbox;
    }

    /** The mailbox points at a host that does not exist: SANDBOX mode must never go there. */
    private static List<Delivery> sendInSandbox(SandboxMailServer sandbox, int count) {
        EmailOutreachService service = EmailDeliveries.service(sandbox);
        List<Delivery> deliveries = new ArrayList<>();
        try (SenderSession session = service.openSession()) {
            for (int i = 0; i < count; i++) {
                Delivery delivery = delivery(mailbox("smtp.nowhere.invalid", 587, "STARTTLS", "sam", "s3cret"),
                        DeliveryMode.SANDBOX);
                assertThat(session.deliver(delivery).status()).isEqualTo(MessageStatus.SENT);
                deliveries.add(delivery);
            }
        }
        return deliveries;
    }

    @Test
    void sandboxEmailCanBeReadBackWithItsHeadersAndBothBodies() {
        started(100);
        Delivery sent = sendInSandbox(sandbox, 1).getFirst();

        assertThat(sandbox.count()).isEqualTo(1);
        SandboxMail mail = sandbox.messages(10).getFirst();
        assertThat(mail.messageId()).isEqualTo("<" + sent.messageId() + "@acme.test>");
        assertThat(mail.from()).isEqualTo("Sam Sender <sam@acme.test>");
        assertThat(mail.to()).isEqualTo("Jane Doe <jane@doe-plumbing.test>");
        assertThat(mail.subject()).isEqualTo("Quick question, Jane – 5 minutes?");
        assertThat(mail.receivedAt()).isEqualTo(EmailDeliveries.NOW);
        assertThat(mail.textBody()).contains("we help plumbers fill their calendar.");
        assertThat(mail.htmlBody()).contains("<p>Hi Jane,</p>");
        assertThat(mail.headers()).contains("Subject: Quick question, Jane – 5 minutes?",
                "List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    }

    @Test
    void newestComeFirstAndTheOldestAreForgottenBeyondTheLimit() {
        started(3);
        List<Delivery> sent = sendInSandbox(sandbox, 5);

        assertThat(sandbox.count()).isEqualTo(3);
        assertThat(sandbox.messages(2)).extracting(SandboxMail::messageId).containsExactly(
                "<" + sent.get(4).messageId() + "@acme.test>", "<" + sent.get(3).messageId() + "@acme.test>");
        assertThat(sandbox.messages(10)).hasSize(3);
    }

    @Test
    void clearForgetsEveryMessage() {
        started(100);
        sendInSandbox(sandbox, 2);

        sandbox.clear();

        assertThat(sandbox.count()).isZero();
        assertThat(sandbox.messages(10)).isEmpty();
    }

    @Test
    void whenDisabledNothingListensAndSandboxEmailWaitsForARetry() {
        sandbox = new SandboxMailServer(new SandboxMailProperties(false, 0, 10), EmailDeliveries.CLOCK);
        sandbox.start();

        assertThat(sandbox.isRunning()).isFalse();
        assertThat(sandbox.port()).isEmpty();
        DeliveryResult result;
        try (SenderSession session = EmailDeliveries.service(sandbox).openSession()) {
            result = session.deliver(delivery(mailbox("smtp.nowhere.invalid", 587), DeliveryMode.SANDBOX));
        }
        assertThat(result.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(result.retryable()).isTrue();
        assertThat(result.reason()).contains("sandbox mail server is not running");
    }
}
