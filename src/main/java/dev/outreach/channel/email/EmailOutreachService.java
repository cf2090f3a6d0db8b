package dev.outreach.channel.email;

import dev.outreach.channel.ChannelSender;
import dev.outreach.channel.Delivery;
import dev.outreach.channel.DeliveryResult;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.DeliveryMode;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * EmailOutreachService: sends a message over SMTP from the chosen mailbox, with
 * our own Message-ID and one-click unsubscribe headers, as text and HTML with tracked links and
 * an open pixel ({@link TrackedBody}). A batch keeps one connection per
 * mailbox open. In SANDBOX mode the same message goes to the in-process
 * {@link SandboxMailServer} instead of the mailbox's server.
 */
@Service
public class EmailOutreachService implements ChannelSender {

    static {
        // Jakarta Mail finds its StreamProvider with a ServiceLoader scan of every jar on the class
        // path each time it writes a message part: measured as ~15% of the send path's CPU. Naming
        // the provider (Angus Mail's, the implementation on our class path) skips the scan.
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(EmailOutreachService.class);

    private final EmailProperties properties;
    private final MessageLinks links;
    private final SandboxMailServer sandbox;
    private final Clock clock;
    private final EmailComposer composer = new EmailComposer();
    private final RelayHeaders relayHeaders;
    /** Mail sessions by {@link SmtpTarget#sessionKey}: creating one scans every jar for mail providers. */
    private final ConcurrentMap<String, Session> mailSessions = new ConcurrentHashMap<>();

    EmailOutreachService(EmailProperties properties, MessageLinks links, SandboxMailServer sandbox,
            Clock clock) {
        this.properties = properties;
        this.links = links;
        this.sandbox = sandbox;
        this.clock = clock;
        this.relayHeaders = new RelayHeaders(properties.relays());
    }

    @Override
    public ChannelType channel() {
        return ChannelType.EMAIL;
    }

    @Override
    public SenderSession openSession() {
        return new EmailSession(new SmtpConnections(
                target -> mailSessions.computeIfAbsent(target.sessionKey(), key -> target.session(properties))));
    }

    private final class EmailSession implements SenderSession {

        private final SmtpConnections connections;

        EmailSession(SmtpConnections connections) {
            this.connections = connections;
        }

        /**
         * Never throws: the result is SENT, BOUNCED, FAILED (retryable or not), SKIPPED, or SENDING
         * (in doubt) when the connection dropped after the message went out, with the reason.
         */
        @Override
        public DeliveryResult deliver(Delivery delivery) {
            Delivery.Recipient recipient = delivery.recipient();
            if (recipient == null || recipient.email() == null || recipient.email().isBlank()) {
                return DeliveryResult.skipped("lead has no email address");
            }
            Delivery.SendingMailbox mailbox = delivery.mailbox();
            if (mailbox == null) {
                return DeliveryResult.retryLater("no mailbox chosen", Optional.empty());
            }
            InternetAddress from;
            try {
                from = EmailComposer.address(mailbox.address() == null ? "" : mailbox.address(), mailbox.displayName());
            } catch (AddressException e) {
                return DeliveryResult.retryLater("mailbox " + mailbox.id() + " has an invalid address '"
                        + mailbox.address() + "'", Optional.empty());
            }
            InternetAddress to;
            try {
                to = EmailComposer.address(recipient.email(), recipient.fullName());
            } catch (AddressException e) {
                return DeliveryResult.hardFailure("the lead's email address '" + recipient.email().strip()
                        + "' is not valid: " + e.getMessage());
            }
            return target(delivery.mode(), mailbox)
                    .map(target -> send(delivery, new EmailComposer.Envelope(from, to, EmailComposer.domainOf(from)),
                            target))
                    .orElseGet(() -> DeliveryResult.retryLater(whyNoTarget(delivery.mode(), mailbox), Optional.empty()));
        }

        private DeliveryResult send(Delivery delivery, EmailComposer.Envelope envelope, SmtpTarget target) {
            EmailComposer.Encoded message;
            try {
                message = composer.encode(composer.compose(delivery, body(delivery), envelope,
                        links.oneClick(delivery.messageId()),
                        links.unsubscribeMailto(envelope.from().getAddress(), delivery.messageId()),
                        target.sandboxed() ? java.util.Map.of() : relayHeaders.forHost(target.host(), delivery.messageId()),
                        clock.instant()));
            } catch (MessagingException e) {
                return DeliveryResult.hardFailure("the email could not be composed: " + e.getMessage());
            }
            Optional<String> relayId;
            try {
                Transport transport = connections.connectionTo(target);
                transport.sendMessage(message.message(), new InternetAddress[] {envelope.to()});
                relayId = target.sandboxed() || !(transport instanceof SMTPTransport smtp) ? Optional.empty()
                        : relayHeaders.relayMessageId(target.host(), smtp.getLastServerResponse());
            } catch (MessagingException e) {
                if (!SmtpFailures.leavesConnectionUsable(e)) {
                    connections.discard(target);
                }
                if (SmtpFailures.replyLost(e)) {
                    log.warn("Email {} in doubt: the connection to {} was lost after the message was sent",
                            delivery.messageId(), target.label());
                    return DeliveryResult.inDoubt(EmailComposer.messageIdHeader(delivery.messageId(),
                            envelope.mailboxDomain()), "connection lost after the message was sent; the server may have it ("
                            + target.label() + ")").withDetails(details(delivery, envelope, message));
                }
                DeliveryResult result = SmtpFailures.classify(e, target);
                // the reason may quote the lead's address: it goes to the attempt row, the log only at debug
                log.info("Email {} not sent via {}: {}", delivery.messageId(), target.label(), result.status());
                log.debug("Email {}: {}", delivery.messageId(), result.reason());
                return result;
            }
            String messageId = EmailComposer.messageIdHeader(delivery.messageId(), envelope.mailboxDomain());
            log.debug("Email {} sent via {}", delivery.messageId(), target.label());
            return DeliveryResult.sent(messageId, details(delivery, envelope, message)).withRelayMessageId(relayId.orElse(null));
        }

        @Override
        public void close() {
            connections.close();
        }
    }

    /** A touch goes out tracked ({@link TrackedBody}); a person's answer in a thread as written, text only. */
    private Delivery.Content body(Delivery delivery) {
        if (delivery.conversation().isPresent()) {
            Delivery.Content written = delivery.content();
            return new Delivery.Content(written.subject(), written.textBody(), null);
        }
        return TrackedBody.of(delivery.content(), delivery.messageId(), links);
    }

    /** Anything but an explicit LIVE goes to the sandbox: no real person is reached by accident. */
    private Optional<SmtpTarget> target(DeliveryMode mode, Delivery.SendingMailbox mailbox) {
        if (mode != DeliveryMode.LIVE) {
            OptionalInt port = sandbox.port();
            return port.isPresent() ? Optional.of(SmtpTarget.sandbox(port.getAsInt())) : Optional.empty();
        }
        Delivery.SmtpEndpoint smtp = mailbox.smtp();
        if (smtp == null || smtp.host() == null || smtp.host().isBlank() || smtp.port() < 1 || smtp.port() > 65_535) {
            return Optional.empty();
        }
        return SmtpSecurity.parse(smtp.security()).map(security -> SmtpTarget.mailbox(mailbox.id(), mailbox.address(),
                smtp.host().strip(), smtp.port(), security, smtp.username(), smtp.password()));
    }

    private static String whyNoTarget(DeliveryMode mode, Delivery.SendingMailbox mailbox) {
        if (mode != DeliveryMode.LIVE) {
            return "the sandbox mail server is not running (outreach.sandbox.enabled)";
        }
        Delivery.SmtpEndpoint smtp = mailbox.smtp();
        if (smtp != null && smtp.host() != null && !smtp.host().isBlank() && SmtpSecurity.parse(smtp.security()).isEmpty()) {
            return "mailbox " + mailbox.address() + " has an unknown SMTP security '" + smtp.security()
                    + "' (NONE, STARTTLS or SSL)";
        }
        return "mailbox " + mailbox.address() + " has no usable SMTP host and port";
    }

    private static String details(Delivery delivery, EmailComposer.Envelope envelope, EmailComposer.Encoded message) {
        String subject = delivery.content().subject() == null ? "" : EmailComposer.oneLine(delivery.content().subject());
        return "From " + envelope.from().toUnicodeString() + " to " + envelope.to().toUnicodeString() + ", subject \""
                + subject + "\", " + message.size() + " bytes"
                + (delivery.mode() != DeliveryMode.LIVE ? ", into the sandbox" : "");
    }
}
