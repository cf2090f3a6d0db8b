package dev.outreach.channel.email;

import dev.outreach.channel.Delivery;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.util.FastByteArrayOutputStream;

/**
 * Turns a delivery into the MIME message that goes out: addresses, our Message-ID, unsubscribe
 * headers, the relay's custom-argument header ({@link RelayHeaders}), parts.
 */
final class EmailComposer {

    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    /** One {@code <id>}: printable ASCII without angle brackets, as long as a header line allows. */
    private static final Pattern MESSAGE_ID = Pattern.compile("<[!-;=?-~]{1,900}>");

    private final Session session = Session.getInstance(new Properties());

    /** The parsed sender and recipient, checked before anything is composed. */
    record Envelope(InternetAddress from, InternetAddress to, String mailboxDomain) {
    }

    static InternetAddress address(String email, String personalName) throws AddressException {
        InternetAddress address = new InternetAddress(email.strip(), true);
        if (personalName != null && !personalName.isBlank()) {
            try {
                address.setPersonal(oneLine(personalName), UTF_8);
            } catch (UnsupportedEncodingException e) {
                throw new IllegalStateException("UTF-8 is always supported", e);
            }
        }
        return address;
    }

    static String domainOf(InternetAddress address) {
        String email = address.getAddress();
        return email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    /** Our Message-ID: the message's UUID at the sending mailbox's domain, in angle brackets. */
    static String messageIdHeader(UUID messageId, String mailboxDomain) {
        return "<" + messageId + "@" + mailboxDomain + ">";
    }

    /** {@code content}: the bodies as they go out (with tracked links, see {@link TrackedBody}). */
    MimeMessage compose(Delivery delivery, Delivery.Content content, Envelope envelope, URI unsubscribe,
            String unsubscribeMailto, java.util.Map<String, String> relayHeaders, Instant now)
            throws MessagingException {
        String messageId = messageIdHeader(delivery.messageId(), envelope.mailboxDomain());
        MimeMessage message = new OutreachMimeMessage(session, messageId);
        message.setFrom(envelope.from());
        message.setRecipient(Message.RecipientType.TO, envelope.to());
        message.setSubject(content.subject() == null ? null : oneLine(content.subject()), UTF_8);
        message.setSentDate(Date.from(now));
        setBody(message, content);
        // RFC 2369 and RFC 8058: mail clients show an unsubscribe button and POST to the https link;
        // the mailto goes to the sending mailbox, whose inbox the IMAP poller reads for this subject
        message.setHeader("List-Unsubscribe", "<" + unsubscribe + ">, <" + unsubscribeMailto + ">");
        message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        if (delivery.conversation().isPresent()) {
            thread(message, delivery.conversation().get());
        }
        for (java.util.Map.Entry<String, String> header : relayHeaders.entrySet()) {
            message.setHeader(header.getKey(), header.getValue());
        }
        message.saveChanges();
        return message;
    }

    /**
     * In-Reply-To and References (RFC 5322 3.6.4), so that the lead's mail client shows the answer
     * in its thread. The ids come from mail the lead sent, so anything that is not one
     * {@code <id>} of printable ASCII is left out rather than let into a header.
     */
    private static void thread(MimeMessage message, Delivery.Conversation conversation) throws MessagingException {
        Optional<String> inReplyTo = conversation.inReplyTo().filter(EmailComposer::isMessageId);
        if (inReplyTo.isPresent()) {
            message.setHeader("In-Reply-To", inReplyTo.get());
        }
        List<String> references = conversation.references().stream().filter(EmailComposer::isMessageId).toList();
        if (!references.isEmpty()) {
            message.setHeader("References", MimeUtility.fold("References: ".length(), String.join(" ", references)));
        }
    }

    static boolean isMessageId(String value) {
        return value != null && MESSAGE_ID.matcher(value).matches();
    }

    private static void setBody(MimeMessage message, Delivery.Content content) throws MessagingException {
        String text = content.textBody() == null ? "" : content.textBody();
        if (content.htmlBody() == null) {
            message.setText(text, UTF_8);
            return;
        }
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, UTF_8);
        MimeBodyPart html = new MimeBodyPart();
        html.setText(content.htmlBody(), UTF_8, "html");
        MimeMultipart alternative = new MimeMultipart("alternative", plain, html);
        message.setContent(alternative);
    }

    /**
     * The message encoded once, as it goes on the wire, and read back as a message that writes
     * those bytes as they are: the SMTP connection then copies the body in blocks instead of
     * encoding it again byte by byte, and the size for the outreach history comes for free. The
     * read-back message is unmodified, so nothing (our Message-ID included) is regenerated.
     */
    Encoded encode(MimeMessage message) throws MessagingException {
        // unsynchronized: Jakarta Mail writes a text part into it byte by byte
        FastByteArrayOutputStream wire = new FastByteArrayOutputStream(16 * 1024);
        try {
            message.writeTo(wire, new String[] {"Bcc", "Content-Length"});
        } catch (IOException e) {
            throw new MessagingException("the email could not be encoded", e);
        }
        byte[] bytes = wire.toByteArray();
        return new Encoded(new OutreachMimeMessage(session, new ByteArrayInputStream(bytes), message.getMessageID()),
                bytes.length);
    }

    /** A message ready to send, and its size on the wire. */
    record Encoded(MimeMessage message, long size) {
    }

    /** Subjects and names come from lead data: a line break there would start a header of its own. */
    static String oneLine(String value) {
        return value.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
    }
}
