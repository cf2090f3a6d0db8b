package dev.outreach.channel.email;

import static dev.outreach.channel.email.EmailDeliveries.delivery;
import static dev.outreach.channel.email.EmailDeliveries.mailbox;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.outreach.channel.ChannelSender.SenderSession;
import dev.outreach.channel.Delivery;
import dev.outreach.channel.Delivery.Content;
import dev.outreach.channel.Delivery.SendingMailbox;
import dev.outreach.channel.DeliveryResult;
import dev.outreach.shared.DeliveryMode;
import dev.outreach.shared.MessageStatus;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The email channel against GreenMail, a real SMTP server inside the test JVM. */
class EmailOutreachServiceIntegrationTests {

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("sam@acme.test", "sam", "s3cret"));

    private final EmailOutreachService service = EmailDeliveries.service(EmailDeliveries.stoppedSandbox());

    private SendingMailbox liveMailbox() {
        return mailbox(smtp.getSmtp().getBindTo(), smtp.getSmtp().getPort(), "NONE", "sam", "s3cret");
    }

    private DeliveryResult send(Delivery delivery) {
        try (SenderSession session = service.openSession()) {
            return session.deliver(delivery);
        }
    }

    private static MimeMessage onlyMessage() {
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        return received[0];
    }

    @Test
    void sentEmailCarriesOurMessageIdAndBothUnsubscribeHeaders() throws Exception {
        Delivery delivery = delivery(liveMailbox(), DeliveryMode.LIVE);

        DeliveryResult result = send(delivery);

        assertThat(result.status()).isEqualTo(MessageStatus.SENT);
        String id = delivery.messageId().toString();
        assertThat(result.providerMessageId()).isEqualTo("<" + id + "@acme.test>");
        MimeMessage message = onlyMessage();
        assertThat(message.getHeader("Message-ID")).containsExactly("<" + id + "@acme.test>");
        String token = EmailDeliveries.TOKENS.unsubscribe(delivery.messageId());
        assertThat(message.getHeader("List-Unsubscribe")).containsExactly(
                "<https://outreach.example/u/" + token + ">, <mailto:sam@acme.test?subject=unsubscribe-" + token + ">");
        assertThat(message.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
    }

    @Test
    void mailRelayedThroughSendGridCarriesOurMessageIdAsUniqueArgument() throws Exception {
        String host = smtp.getSmtp().getBindTo();
        EmailProperties relayed = new EmailProperties(java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(2),
                new EmailProperties.Relays(java.util.List.of(host), java.util.List.of(), java.util.List.of(), java.util.List.of()));
        EmailOutreachService throughSendGrid = new EmailOutreachService(relayed,
                EmailDeliveries.links(dev.outreach.shared.TrackingProperties.defaults()), EmailDeliveries.stoppedSandbox(),
                EmailDeliveries.CLOCK);
        Delivery delivery = delivery(liveMailbox(), DeliveryMode.LIVE);

        try (SenderSession session = throughSendGrid.openSession()) {
            assertThat(session.deliver(delivery).status()).isEqualTo(MessageStatus.SENT);
        }

        assertThat(onlyMessage().getHeader("X-SMTPAPI"))
                .containsExactly("{\"unique_args\":{\"outreach_message_id\":\"" + delivery.messageId() + "\"}}");
    }

    @Test
    void mailToAServerOfNoKnownProviderCarriesNoRelayHeader() throws Exception {
        send(delivery(liveMailbox(), DeliveryMode.LIVE));

        MimeMessage message = onlyMessage();
        assertThat(message.getHeader("X-SMTPAPI")).isNull();
        assertThat(message.getHeader("X-Mailgun-Variables")).isNull();
        assertThat(message.getHeader("X-SES-MESSAGE-TAGS")).isNull();
    }

    @Test
    void textAndHtmlGoOutAsAlternativesFromTheMailboxToTheLeadByName() throws Exception {
        DeliveryResult result = send(delivery(liveMailbox(), DeliveryMode.LIVE));

        MimeMessage message = onlyMessage();
        InternetAddress from = (InternetAddress) message.getFrom()[0];
        assertThat(from.getPersonal()).isEqualTo("Sam Sender");
        assertThat(from.getAddress()).isEqualTo("sam@acme.test");
        InternetAddress to = (InternetAddress) message.getRecipients(Message.RecipientType.TO)[0];
        assertThat(to.getPersonal()).isEqualTo("Jane Doe");
        assertThat(to.getAddress()).isEqualTo("jane@doe-plumbing.test");
        assertThat(message.getSubject()).isEqualTo("Quick question, Jane – 5 minutes?");
        assertThat(message.getSentDate()).isEqualTo(Date.from(EmailDeliveries.NOW));
        assertThat(message.isMimeType("multipart/alternative")).isTrue();
        Multipart parts = (Multipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat((String) parts.getBodyPart(0).getContent()).contains("we help plumbers fill their calendar.");
        assertThat(parts.getBodyPart(1).isMimeType("text/html")).isTrue();
        assertThat((String) parts.getBodyPart(1).getContent()).contains("<p>Hi Jane,</p>");
        assertThat(result.details()).startsWith("From Sam Sender <sam@acme.test> to Jane Doe <jane@doe-plumbing.test>, "
                + "subject \"Quick question, Jane – 5 minutes?\", ").endsWith(" bytes");
    }

    @Test
    void withoutHtmlTheHtmlPartIsMadeFromTheTextWithTrackedLinksAndTheOpenPixel() throws Exception {
        Content textOnly = new Content("Hello", "Just text <b>, see https://doe-plumbing.test/offer.\n\nSam", null);
        Delivery delivery = delivery(liveMailbox(), EmailDeliveries.jane(), textOnly);
        send(delivery);

        MimeMessage message = onlyMessage();
        assertThat(message.isMimeType("multipart/alternative")).isTrue();
        Multipart parts = (Multipart) message.getContent();
        String text = ((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n");
        String html = ((String) parts.getBodyPart(1).getContent()).replace("\r\n", "\n");
        var tokens = EmailDeliveries.TOKENS;
        String click = "https://outreach.example/t/c/"
                + tokens.click(delivery.messageId(), "https://doe-plumbing.test/offer").orElseThrow();
        String unsubscribe = "https://outreach.example/u/" + tokens.unsubscribe(delivery.messageId());
        assertThat(text).startsWith("Just text <b>, see " + click + ".\n\nSam")
                .endsWith("Unsubscribe: " + unsubscribe);
        assertThat(html).contains("<p>Just text &lt;b&gt;, see <a href=\"" + click + "\">https://doe-plumbing.test/offer</a>.</p>")
                .contains("<p>Sam</p>")
                .contains("<a href=\"" + unsubscribe + "\"")
                .contains("<img src=\"https://outreach.example/t/o/" + tokens.open(delivery.messageId())
                        + "\" width=\"1\" height=\"1\"");
    }

    @Test
    void lineBreaksInLeadDataCannotAddHeaders() throws Exception {
        var recipient = new Delivery.Recipient(42, "Jane\r\nBcc: victim@else.test", "Doe", null,
                "jane@doe-plumbing.test", null, null, null, null, null);
        Content content = new Content("Hi\r\nBcc: victim@else.test", "text", null);

        DeliveryResult result = send(delivery(liveMailbox(), recipient, content));

        assertThat(result.status()).isEqualTo(MessageStatus.SENT);
        MimeMessage message = onlyMessage();
        assertThat(message.getHeader("Bcc")).isNull();
        assertThat(message.getSubject()).isEqualTo("Hi Bcc: victim@else.test");
        assertThat(smtp.getReceivedMessages()).hasSize(1); // nobody else got a copy
    }

    @Test
    void aWrongPasswordIsARetryableFailureNamingTheMailbox() {
        SendingMailbox wrong = mailbox(smtp.getSmtp().getBindTo(), smtp.getSmtp().getPort(), "NONE", "sam", "wrong");

        DeliveryResult result = send(delivery(wrong, DeliveryMode.LIVE));

        assertThat(result.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(result.retryable()).isTrue();
        assertThat(result.reason()).startsWith("authentication failed for mailbox sam@acme.test");
        assertThat(result.reason()).doesNotContain("wrong");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void sandboxModeSendsToTheSandboxServerNotToTheMailboxServer() {
        SandboxMailServer sandbox = new SandboxMailServer(new SandboxMailProperties(true, 0, 10), EmailDeliveries.CLOCK);
        sandbox.start();
        try {
            EmailOutreachService withSandbox = EmailDeliveries.service(sandbox);
            Delivery delivery = delivery(liveMailbox(), DeliveryMode.SANDBOX);
            DeliveryResult result;
            try (SenderSession session = withSandbox.openSession()) {
                result = session.deliver(delivery);
            }

            assertThat(result.status()).isEqualTo(MessageStatus.SENT);
            assertThat(result.details()).endsWith(", into the sandbox");
            assertThat(smtp.getReceivedMessages()).isEmpty();
            assertThat(sandbox.messages(10)).singleElement().satisfies(mail -> {
                assertThat(mail.messageId()).isEqualTo("<" + delivery.messageId() + "@acme.test>");
                assertThat(mail.to()).isEqualTo("Jane Doe <jane@doe-plumbing.test>");
                assertThat(mail.headers()).anyMatch(h -> h.startsWith("List-Unsubscribe: <https://outreach.example/u/"))
                        .contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
            });
        } finally {
            sandbox.stop();
        }
    }

    @Test
    void aLeadWithoutEmailIsSkippedAndNoMailboxIsRetried() {
        var noEmail = new Delivery.Recipient(42, "Jane", "Doe", null, " ", null, null, null, null, null);

        DeliveryResult skipped = send(delivery(liveMailbox(), noEmail, EmailDeliveries.content()));
        DeliveryResult noMailbox = send(delivery(null, DeliveryMode.LIVE));

        assertThat(skipped.status()).isEqualTo(MessageStatus.SKIPPED);
        assertThat(skipped.reason()).isEqualTo("lead has no email address");
        assertThat(noMailbox.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(noMailbox.retryable()).isTrue();
        assertThat(noMailbox.reason()).isEqualTo("no mailbox chosen");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void anInvalidLeadAddressIsAHardFailure() {
        var bad = new Delivery.Recipient(42, "Jane", "Doe", null, "jane at doe-plumbing", null, null, null, null, null);

        DeliveryResult result = send(delivery(liveMailbox(), bad, EmailDeliveries.content()));

        assertThat(result.isHardFailure()).isTrue();
        assertThat(result.reason()).contains("jane at doe-plumbing");
        assertThat(Arrays.asList(smtp.getReceivedMessages())).isEmpty();
    }
}
