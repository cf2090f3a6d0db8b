package dev.outreach.events;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.ParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A complaint from a feedback loop (ARF, RFC 5965: {@code multipart/report;
 * report-type=feedback-report}), as Yahoo, Microsoft (JMRP), AOL, Comcast and others send it to
 * a feedback-loop address: who complained about which of our messages.
 *
 * @param feedbackType abuse, fraud, virus, other... ("abuse" when the report does not say)
 * @param recipient the complaining recipient: Original-Rcpt-To, else the returned message's
 *                  X-HmXmrOriginalRecipient (Microsoft) or To; empty when redacted
 * @param originalMessageId the Message-ID of the message complained about, from the returned part
 * @param fields the machine-readable part as it came, kept as the event's raw payload
 */
record FeedbackReport(String feedbackType, String userAgent, String recipient, Optional<String> originalMessageId,
        String fields) {

    private static final int MAX_PART_BYTES = 64 * 1024;

    static boolean isFeedbackReport(Part message) throws MessagingException {
        if (!message.isMimeType("multipart/report")) {
            return false;
        }
        try {
            String type = new ContentType(message.getContentType()).getParameter("report-type");
            return type != null && type.strip().equalsIgnoreCase("feedback-report");
        } catch (ParseException e) {
            return false;
        }
    }

    static Optional<FeedbackReport> parse(Message message) throws MessagingException, IOException {
        if (!isFeedbackReport(message) || !(message.getContent() instanceof Multipart parts)) {
            return Optional.empty();
        }
        InternetHeaders fields = null;
        String raw = "";
        InternetHeaders returned = null;
        String returnedText = "";
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("message/feedback-report")) {
                raw = new String(read(part.getInputStream()), StandardCharsets.UTF_8);
                fields = new InternetHeaders(new ByteArrayInputStream((raw.strip() + "\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8)));
            } else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")
                    || part.isMimeType("message/rfc822-headers")) {
                // the headers are all we need; a returned body is never parsed
                returnedText = returnedHeaders(part);
                returned = new InternetHeaders(new ByteArrayInputStream(returnedText.getBytes(StandardCharsets.UTF_8)));
            }
        }
        if (fields == null) {
            return Optional.empty();
        }
        String type = value(fields, "Feedback-Type");
        String recipient = address(value(fields, "Original-Rcpt-To"));
        if (recipient.isEmpty() && returned != null) {
            recipient = address(value(returned, "X-HmXmrOriginalRecipient"));
            if (recipient.isEmpty()) {
                recipient = address(value(returned, "To"));
            }
        }
        Optional<String> original = returned == null ? Optional.empty()
                : MessageIds.all(value(returned, "Message-ID")).stream().findFirst();
        return Optional.of(new FeedbackReport(type.isEmpty() ? "abuse" : type.toLowerCase(Locale.ROOT),
                value(fields, "User-Agent"), recipient, original, cut(raw.strip() + "\n\n" + returnedText.strip(), 20_000)));
    }

    /**
     * The returned message's header lines. Over IMAP a message/rfc822 part is a nested message
     * whose headers the server hands out on their own; elsewhere the part is read as text.
     */
    private static String returnedHeaders(BodyPart part) throws MessagingException, IOException {
        if (part.isMimeType("message/rfc822") && part.getContent() instanceof Message returned) {
            StringBuilder lines = new StringBuilder();
            for (var headers = returned.getAllHeaders(); headers.hasMoreElements(); ) {
                jakarta.mail.Header header = headers.nextElement();
                lines.append(header.getName()).append(": ").append(header.getValue()).append("\r\n");
            }
            return lines.append("\r\n").toString();
        }
        String text = new String(read(part.getInputStream()), StandardCharsets.UTF_8);
        String normalized = text.replace("\r\n", "\n");
        int end = normalized.indexOf("\n\n");
        return (end < 0 ? normalized : normalized.substring(0, end)).replace("\n", "\r\n") + "\r\n\r\n";
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    String describe() {
        return "feedback loop report (" + feedbackType + (userAgent.isEmpty() ? "" : ", " + userAgent) + ") from "
                + (recipient.isEmpty() ? "a redacted recipient" : recipient);
    }

    /** "<jane@doe.test>", "Jane <jane@doe.test>" or "rfc822; jane@doe.test" -> "jane@doe.test". */
    static String address(String value) {
        String text = value.contains(";") ? value.substring(value.indexOf(';') + 1) : value;
        int open = text.lastIndexOf('<');
        int close = text.lastIndexOf('>');
        if (open >= 0 && close > open) {
            text = text.substring(open + 1, close);
        }
        text = text.strip();
        return text.contains("@") && !text.contains(" ") ? text : "";
    }

    private static String value(InternetHeaders headers, String name) {
        String value = headers.getHeader(name, ",");
        return value == null ? "" : value.replaceAll("\\s+", " ").strip();
    }

    private static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readNBytes(MAX_PART_BYTES);
        }
    }
}
