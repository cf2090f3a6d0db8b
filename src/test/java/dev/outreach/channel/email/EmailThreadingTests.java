package dev.outreach.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.channel.Delivery;
import dev.outreach.shared.DeliveryMode;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An answer in the lead's thread carries In-Reply-To and References; their ids come from mail
 * the lead sent, so anything that is not one {@code <id>} is left out, never let into a header.
 */
class EmailThreadingTests {

    private final EmailComposer composer = new EmailComposer();

    @Test
    void anAnswerIsThreadedUnderTheAnsweredMailWithTheThreadsChain() throws Exception {
        MimeMessage message = compose(new Delivery.Conversation(Optional.of("<CAF+kq2@mail.gmail.com>"),
                List.of("<ours@acme.test>", "<CAF+kq2@mail.gmail.com>")));

        assertThat(message.getHeader("In-Reply-To")).containsExactly("<CAF+kq2@mail.gmail.com>");
        assertThat(MimeUtility.unfold(message.getHeader("References")[0]))
                .isEqualTo("<ours@acme.test> <CAF+kq2@mail.gmail.com>");
    }

    @Test
    void idsThatAreNotOneMessageIdAreLeftOutOfTheHeaders() throws Exception {
        MimeMessage message = compose(new Delivery.Conversation(Optional.of("<a@b.test>\r\nBcc: evil@attacker.test"),
                List.of("<ours@acme.test>", "<x@y>\r\nBcc: evil@attacker.test", "no-brackets@mail.test", "<two> <ids>")));

        assertThat(message.getHeader("In-Reply-To")).isNull();
        assertThat(MimeUtility.unfold(message.getHeader("References")[0])).isEqualTo("<ours@acme.test>");
        assertThat(message.getHeader("Bcc")).isNull();
    }

    @Test
    void aTouchOfOurOwnIsNotThreaded() throws Exception {
        Delivery touch = EmailDeliveries.delivery(EmailDeliveries.mailbox("127.0.0.1", 25), DeliveryMode.LIVE);
        MimeMessage message = composer.compose(touch, touch.content(), envelope(), URI.create("https://outreach.example/u/t"),
                "mailto:sam@acme.test?subject=unsubscribe", Map.of(), EmailDeliveries.NOW);

        assertThat(message.getHeader("In-Reply-To")).isNull();
        assertThat(message.getHeader("References")).isNull();
    }

    private MimeMessage compose(Delivery.Conversation conversation) throws Exception {
        Delivery answer = new Delivery(UUID.randomUUID(), "console_reply", 1, EmailDeliveries.jane(),
                new Delivery.Content("Re: Quick question", "Tuesday works.", null),
                EmailDeliveries.mailbox("127.0.0.1", 25), DeliveryMode.LIVE, Optional.of(conversation));
        return composer.compose(answer, answer.content(), envelope(), URI.create("https://outreach.example/u/t"),
                "mailto:sam@acme.test?subject=unsubscribe", Map.of(), EmailDeliveries.NOW);
    }

    private static EmailComposer.Envelope envelope() throws Exception {
        return new EmailComposer.Envelope(EmailComposer.address("sam@acme.test", "Sam Sender"),
                EmailComposer.address("jane@doe-plumbing.test", "Jane Doe"), "acme.test");
    }
}
