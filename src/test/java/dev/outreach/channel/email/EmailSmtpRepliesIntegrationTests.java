package dev.outreach.channel.email;

import dev.outreach.support.ScriptedSmtpServer;
import static dev.outreach.channel.email.EmailDeliveries.delivery;
import static dev.outreach.channel.email.EmailDeliveries.mailbox;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.channel.ChannelSender.SenderSession;
import dev.outreach.channel.Delivery.SendingMailbox;
import dev.outreach.channel.DeliveryResult;
import dev.outreach.shared.DeliveryMode;
import dev.outreach.shared.MessageStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How SMTP replies and broken connections become results, and how connections are reused, against a scripted server. */
class EmailSmtpRepliesIntegrationTests {

    private static final String USER_UNKNOWN = "550 5.1.1 <jane@doe-plumbing.test>: Recipient address rejected: User unknown";

    private final EmailOutreachService service = EmailDeliveries.service(EmailDeliveries.stoppedSandbox());
    private ScriptedSmtpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new ScriptedSmtpServer();
    }

    @AfterEach
    void stopServer() throws IOException {
        server.close();
    }

    private SendingMailbox scripted() {
        return mailbox("127.0.0.1", server.port());
    }

    private DeliveryResult sendOne() {
        try (SenderSession session = service.openSession()) {
            return session.deliver(delivery(scripted(), DeliveryMode.LIVE));
        }
    }

    @Test
    void aPermanentRecipientRejectionIsABounceInTheServersWords() {
        server.replyToRcpt(USER_UNKNOWN);

        DeliveryResult result = sendOne();

        assertThat(result.status()).isEqualTo(MessageStatus.BOUNCED);
        assertThat(result.reason()).startsWith(USER_UNKNOWN).contains("127.0.0.1:" + server.port());
        assertThat(server.acceptedMessages()).isEmpty();
    }

    @Test
    void sendGridsQueuedAsIdIsTheMessagesRelayIdAndAnotherServersQueueIdIsNot() {
        server.replyToDataEnd("250 Ok: queued as nhIMmON9SFOPcT0ii4nt2A");
        EmailProperties relayed = new EmailProperties(Duration.ofSeconds(2), Duration.ofSeconds(2),
                new EmailProperties.Relays(List.of("127.0.0.1"), List.of(), List.of(), List.of()));
        EmailOutreachService throughSendGrid = new EmailOutreachService(relayed,
                EmailDeliveries.links(dev.outreach.shared.TrackingProperties.defaults()), EmailDeliveries.stoppedSandbox(),
                EmailDeliveries.CLOCK);

        DeliveryResult result;
        try (SenderSession session = throughSendGrid.openSession()) {
            result = session.deliver(delivery(scripted(), DeliveryMode.LIVE));
        }

        assertThat(result.status()).isEqualTo(MessageStatus.SENT);
        assertThat(result.relayMessageId()).isEqualTo("nhIMmON9SFOPcT0ii4nt2A");
        // a server of no provider (Postfix here): its queue id names nothing any webhook sends
        server.replyToDataEnd("250 2.0.0 Ok: queued as 224B824BD40");
        assertThat(sendOne().relayMessageId()).isNull();
    }

    @Test
    void aTemporaryRejectionIsRetried() {
        server.replyToRcpt("451 4.7.1 Try again later");

        DeliveryResult result = sendOne();

        assertThat(result.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(result.retryable()).isTrue();
        assertThat(result.reason()).startsWith("451 4.7.1 Try again later");
    }

    @Test
    void aPermanentRejectionOfTheMessageIsABounce() {
        server.replyToDataEnd("554 5.7.1 Message rejected as spam");

        DeliveryResult result = sendOne();

        assertThat(result.status()).isEqualTo(MessageStatus.BOUNCED);
        assertThat(result.reason()).startsWith("554 5.7.1 Message rejected as spam");
    }

    @Test
    void aRefusedSenderIsRetriedAndNotCountedAsTheLeadsBounce() {
        server.replyToMailFrom("553 5.7.1 <sam@acme.test>: Sender address rejected: not owned by user");

        DeliveryResult result = sendOne();

        assertThat(result.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(result.retryable()).isTrue();
        assertThat(result.reason()).startsWith("the server refused mailbox sam@acme.test as sender: 553 5.7.1");
    }

    @Test
    void aClosedPortIsARetryableFailureNamingTheHost() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        DeliveryResult result;
        try (SenderSession session = service.openSession()) {
            result = session.deliver(delivery(mailbox("127.0.0.1", closedPort), DeliveryMode.LIVE));
        }

        assertThat(result.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(result.retryable()).isTrue();
        assertThat(result.reason()).startsWith("could not connect to 127.0.0.1:" + closedPort);
    }

    @Test
    void aServerThatNeverAnswersFailsWithinTheReadTimeout() {
        server.silent();
        long start = System.nanoTime();

        DeliveryResult result = sendOne();

        assertThat(result.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(result.retryable()).isTrue();
        assertThat(result.reason()).contains("127.0.0.1:" + server.port());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aConnectionLostAfterTheFinalDotIsInDoubtNotARetryableFailure() {
        server.hangUpAfterData();

        DeliveryResult result = sendOne();

        assertThat(server.acceptedMessages()).as("the server has it").hasSize(1);
        assertThat(result.status()).as("in doubt").isEqualTo(MessageStatus.SENDING);
        assertThat(result.retryable()).isFalse();
        assertThat(result.reason()).startsWith("connection lost after the message was sent; the server may have it")
                .contains("127.0.0.1:" + server.port());
        assertThat(result.providerMessageId()).as("our Message-ID, to look it up later").startsWith("<").endsWith(">");
        assertThat(server.acceptedMessages().getFirst()).contains("Message-ID: " + result.providerMessageId());
    }

    @Test
    void aReplyThatNeverComesAfterTheFinalDotIsInDoubt() {
        server.delayDataEnd(Duration.ofSeconds(5)); // past the 2 s read timeout

        DeliveryResult result = sendOne();

        assertThat(result.status()).isEqualTo(MessageStatus.SENDING);
        assertThat(result.reason()).startsWith("connection lost after the message was sent");
    }

    @Test
    void aConnectionLostBeforeTheMessageIsCompleteIsARetryableFailure() {
        server.hangUpAtData();

        DeliveryResult result = sendOne();

        assertThat(server.acceptedMessages()).isEmpty();
        assertThat(result.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(result.retryable()).isTrue();
        assertThat(result.reason()).doesNotContain("may have it");
    }

    @Test
    void aStarttlsMailboxNeverTalksInClearToAServerWithoutTls() {
        SendingMailbox starttls = mailbox("127.0.0.1", server.port(), "STARTTLS", "sam", "s3cret");
        DeliveryResult result;
        try (SenderSession session = service.openSession()) {
            result = session.deliver(delivery(starttls, DeliveryMode.LIVE));
        }

        assertThat(result.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(result.retryable()).isTrue();
        assertThat(result.reason()).contains("STARTTLS");
        assertThat(server.acceptedMessages()).isEmpty();
    }

    @Test
    void oneConnectionServesTheWholeBatchAndANewBatchOpensItsOwn() {
        List<DeliveryResult> batch;
        try (SenderSession session = service.openSession()) {
            batch = IntStream.range(0, 3).mapToObj(i -> session.deliver(delivery(scripted(), DeliveryMode.LIVE))).toList();
        }
        assertThat(batch).extracting(DeliveryResult::status).containsOnly(MessageStatus.SENT);
        assertThat(server.connections()).isEqualTo(1);
        assertThat(server.acceptedMessages()).hasSize(3);

        assertThat(sendOne().status()).isEqualTo(MessageStatus.SENT);
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void aBounceLeavesTheConnectionUsableForTheNextMessage() {
        try (SenderSession session = service.openSession()) {
            server.replyToRcpt(USER_UNKNOWN);
            assertThat(session.deliver(delivery(scripted(), DeliveryMode.LIVE)).status()).isEqualTo(MessageStatus.BOUNCED);
            server.replyToRcpt("250 2.1.5 Ok");
            assertThat(session.deliver(delivery(scripted(), DeliveryMode.LIVE)).status()).isEqualTo(MessageStatus.SENT);
        }
        assertThat(server.connections()).isEqualTo(1);
        assertThat(server.acceptedMessages()).hasSize(1);
    }

    @Test
    void aDroppedConnectionIsReopenedWithoutLosingTheMessage() throws IOException {
        try (SenderSession session = service.openSession()) {
            assertThat(session.deliver(delivery(scripted(), DeliveryMode.LIVE)).status()).isEqualTo(MessageStatus.SENT);
            server.dropConnections();
            assertThat(session.deliver(delivery(scripted(), DeliveryMode.LIVE)).status()).isEqualTo(MessageStatus.SENT);
        }
        assertThat(server.connections()).isEqualTo(2);
        assertThat(server.acceptedMessages()).hasSize(2);
    }

    @Test
    void eachMailboxGetsItsOwnConnection() {
        SendingMailbox other = new SendingMailbox(8, "ann@acme.test", "Ann", scripted().smtp());
        try (SenderSession session = service.openSession()) {
            session.deliver(delivery(scripted(), DeliveryMode.LIVE));
            session.deliver(delivery(other, DeliveryMode.LIVE));
            session.deliver(delivery(scripted(), DeliveryMode.LIVE));
        }
        assertThat(server.connections()).isEqualTo(2);
        assertThat(server.acceptedMessages()).hasSize(3);
    }
}
