package dev.outreach.channel;

import dev.outreach.shared.DeliveryMode;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One attempt to deliver an outreach message on one channel. In SANDBOX mode a sender
 * delivers into the application itself and never reaches the recipient.
 *
 * @param messageId our id of the outreach message, also the base of the email Message-ID
 * @param attemptNumber 1 for the first try on this channel, 2 for the first retry, ...
 * @param mailbox the sending mailbox for email, null for other channels
 * @param conversation present when the delivery answers the lead's own mail (a reply from the console)
 */
public record Delivery(
        UUID messageId,
        String messageType,
        int attemptNumber,
        Recipient recipient,
        Content content,
        SendingMailbox mailbox,
        DeliveryMode mode,
        Optional<Conversation> conversation) {

    /** A touch of our own, not an answer in a thread. */
    public Delivery(UUID messageId, String messageType, int attemptNumber, Recipient recipient, Content content,
            SendingMailbox mailbox, DeliveryMode mode) {
        this(messageId, messageType, attemptNumber, recipient, content, mailbox, mode, Optional.empty());
    }

    /**
     * An answer a person wrote in the lead's thread: threaded under {@code inReplyTo} (the
     * answered mail's Message-ID) with the thread's chain {@code references} (Message-IDs in angle
     * brackets, oldest first), and sent as a person's mail client sends it: the text as written,
     * with no HTML part, no tracked links and no open pixel.
     */
    public record Conversation(Optional<String> inReplyTo, List<String> references) {

        public Conversation {
            references = List.copyOf(references);
        }
    }

    /** The lead as the channels need it; values may be null when the lead has no such contact point. */
    public record Recipient(
            long leadId,
            String firstName,
            String lastName,
            String company,
            String email,
            String linkedinId,
            String linkedinUrl,
            String contactFormUrl,
            String website,
            String phone) {

        public String fullName() {
            return ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
        }
    }

    /** What to say. {@code htmlBody} may be null for channels that only take text. */
    public record Content(String subject, String textBody, String htmlBody) {
    }

    /** A mailbox to send from, with its SMTP endpoint (password already decrypted). */
    public record SendingMailbox(long id, String address, String displayName, SmtpEndpoint smtp) {
    }

    /** security: NONE, STARTTLS or SSL. Its text form never shows the password. */
    public record SmtpEndpoint(String host, int port, String security, String username, String password) {

        @Override
        public String toString() {
            return "SmtpEndpoint[" + host + ":" + port + ", " + security + ", user " + username
                    + (password == null ? ", no password]" : ", password ********]");
        }
    }
}
