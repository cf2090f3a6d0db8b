package dev.outreach.channel.email;

import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One message the sandbox mail server received, decoded for reading. Bodies are text as sent:
 * the HTML part is its source, to be shown as text, never rendered (lead data is untrusted).
 *
 * @param headers every header as {@code Name: value}, unfolded and decoded, in the order sent
 */
public record SandboxMail(
        String messageId,
        String from,
        String to,
        String subject,
        Instant receivedAt,
        String textBody,
        String htmlBody,
        List<String> headers) {

    /** Longer bodies are cut, so that the kept messages stay within memory. */
    static final int MAX_BODY_CHARS = 20_000;

    public SandboxMail {
        headers = List.copyOf(headers);
    }

    static SandboxMail of(MimeMessage message, Instant receivedAt) {
        Bodies bodies = new Bodies();
        try {
            bodies.collect(message);
        } catch (MessagingException | IOException e) {
            bodies.text = "(the body could not be read: " + e.getMessage() + ")";
        }
        return new SandboxMail(header(message, "Message-ID"), addresses(message, "From"), addresses(message, "To"),
                subject(message), receivedAt, cut(bodies.text), cut(bodies.html), headers(message));
    }

    private static String addresses(MimeMessage message, String name) {
        try {
            var addresses = "From".equals(name) ? message.getFrom() : message.getRecipients(Message.RecipientType.TO);
            return addresses == null ? "" : InternetAddress.toUnicodeString(addresses);
        } catch (MessagingException e) {
            return header(message, name); // malformed: shown as it came
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject() == null ? "" : message.getSubject();
        } catch (MessagingException e) {
            return header(message, "Subject");
        }
    }

    private static String header(MimeMessage message, String name) {
        try {
            String value = message.getHeader(name, ", ");
            return value == null ? "" : MimeUtility.unfold(value);
        } catch (MessagingException e) {
            return "";
        }
    }

    private static List<String> headers(MimeMessage message) {
        List<String> lines = new ArrayList<>();
        try {
            for (Header header : Collections.list(message.getAllHeaders())) {
                lines.add(header.getName() + ": " + decoded(MimeUtility.unfold(header.getValue())));
            }
        } catch (MessagingException e) {
            lines.add("(the headers could not be read: " + e.getMessage() + ")");
        }
        return lines;
    }

    private static String decoded(String value) {
        try {
            return MimeUtility.decodeText(value);
        } catch (UnsupportedEncodingException | IllegalArgumentException e) {
            return value;
        }
    }

    private static String cut(String body) {
        if (body == null || body.length() <= MAX_BODY_CHARS) {
            return body;
        }
        return body.substring(0, MAX_BODY_CHARS) + "\n(cut: " + body.length() + " characters in all)";
    }

    /** The first text/plain and text/html parts, however deep the multiparts nest. */
    private static final class Bodies {
        String text;
        String html;

        void collect(Part part) throws MessagingException, IOException {
            if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    collect(multipart.getBodyPart(i));
                }
            } else if (part.isMimeType("text/plain") && text == null && inline(part)) {
                text = String.valueOf(part.getContent());
            } else if (part.isMimeType("text/html") && html == null && inline(part)) {
                html = String.valueOf(part.getContent());
            }
        }

        private static boolean inline(Part part) throws MessagingException {
            return !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition());
        }
    }
}
