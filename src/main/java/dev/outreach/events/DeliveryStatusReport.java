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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A delivery status notification (RFC 3464: {@code multipart/report; report-type=delivery-status}),
 * reduced to what we act on: the failed recipient, its status code and the Message-ID of the
 * message that failed (from the returned {@code text/rfc822-headers} or {@code message/rfc822} part).
 *
 * @param action failed, delayed, delivered, relayed or expanded
 * @param status the enhanced status code (5.1.1), or one found in the diagnostic; empty when none
 * @param originalMessageId the failed message's Message-ID; empty when the report did not return it
 * @param fields the delivery-status part as it came, kept as the event's raw payload
 */
record DeliveryStatusReport(String action, String status, String finalRecipient, String diagnostic,
        Optional<String> originalMessageId, String fields) {

    private static final Pattern STATUS = Pattern.compile("\\b([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");
    private static final Pattern SMTP_CODE = Pattern.compile("\\b([245])\\d\\d\\b");
    /** Delivery-status parts are small; anything longer is cut rather than read into memory. */
    private static final int MAX_PART_BYTES = 64 * 1024;

    DeliveryStatusReport withOriginalMessageId(Optional<String> id) {
        return new DeliveryStatusReport(action, status, finalRecipient, diagnostic, id, fields);
    }

    boolean failed() {
        return action.equals("failed");
    }

    boolean delayed() {
        return action.equals("delayed");
    }

    /**
     * A permanent failure: a 5.x.x status (or a 5xx reply in the diagnostic when there is no
     * status), except a full mailbox (X.2.2, which RFC 3463 calls a persistent transient failure)
     * and an expired delivery time (X.4.7): the address itself may well be good.
     */
    boolean hard() {
        return failed() && status.startsWith("5") && !status.equals("5.2.2") && !status.equals("5.4.7");
    }

    String describe() {
        String text = (status.isEmpty() ? "no status" : status) + " " + (finalRecipient.isEmpty() ? "?" : finalRecipient)
                + (diagnostic.isEmpty() ? "" : ": " + diagnostic);
        return text.length() > 900 ? text.substring(0, 899) + "…" : text;
    }

    static boolean isReport(Part message) throws MessagingException {
        if (!message.isMimeType("multipart/report")) {
            return false;
        }
        try {
            String type = new ContentType(message.getContentType()).getParameter("report-type");
            return type != null && type.strip().equalsIgnoreCase("delivery-status");
        } catch (ParseException e) {
            return false;
        }
    }

    /** The report of a {@code multipart/report; report-type=delivery-status} message; empty when it has no status part. */
    static Optional<DeliveryStatusReport> parse(Message message) throws MessagingException, IOException {
        if (!isReport(message) || !(message.getContent() instanceof Multipart parts)) {
            return Optional.empty();
        }
        String fields = null;
        Optional<String> original = Optional.empty();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("message/delivery-status") || part.isMimeType("message/global-delivery-status")) {
                fields = new String(read(part.getInputStream()), StandardCharsets.UTF_8);
            } else if (part.isMimeType("text/rfc822-headers") || part.isMimeType("message/rfc822")
                    || part.isMimeType("message/global") || part.isMimeType("message/global-headers")) {
                original = original.or(() -> returnedMessageId(part));
            }
        }
        if (fields == null) {
            return Optional.empty();
        }
        return Optional.of(fromFields(fields, original));
    }

    /** The per-recipient block that failed (else the first), per RFC 3464 section 2.3. */
    static DeliveryStatusReport fromFields(String fields, Optional<String> originalMessageId) throws MessagingException {
        List<InternetHeaders> recipients = new ArrayList<>();
        String[] blocks = fields.replace("\r\n", "\n").strip().split("\n[ \t]*\n");
        for (int i = 1; i < blocks.length; i++) {
            InternetHeaders block = new InternetHeaders(new ByteArrayInputStream(
                    (blocks[i].strip() + "\n\n").getBytes(StandardCharsets.UTF_8)));
            if (block.getHeader("Action", ",") != null || block.getHeader("Final-Recipient", ",") != null) {
                recipients.add(block);
            }
        }
        InternetHeaders chosen = recipients.stream().filter(r -> "failed".equalsIgnoreCase(value(r, "Action"))).findFirst()
                .orElse(recipients.isEmpty() ? new InternetHeaders() : recipients.getFirst());
        String diagnostic = value(chosen, "Diagnostic-Code");
        String status = firstStatus(value(chosen, "Status")).or(() -> firstStatus(diagnostic))
                .or(() -> smtpCodeClass(diagnostic)).orElse("");
        return new DeliveryStatusReport(value(chosen, "Action").toLowerCase(Locale.ROOT), status,
                address(value(chosen, "Final-Recipient")), diagnostic, originalMessageId,
                fields.length() > 20_000 ? fields.substring(0, 20_000) : fields);
    }

    private static Optional<String> firstStatus(String text) {
        Matcher matcher = STATUS.matcher(text);
        return matcher.find() ? Optional.of(matcher.group()) : Optional.empty();
    }

    /** "smtp; 550 User unknown": no enhanced status, but the reply code's class says as much. */
    private static Optional<String> smtpCodeClass(String diagnostic) {
        Matcher matcher = SMTP_CODE.matcher(diagnostic);
        return matcher.find() ? Optional.of(matcher.group(1) + ".0.0") : Optional.empty();
    }

    /** "rfc822; jane@doe.test" -> "jane@doe.test". */
    private static String address(String finalRecipient) {
        int semicolon = finalRecipient.indexOf(';');
        return (semicolon < 0 ? finalRecipient : finalRecipient.substring(semicolon + 1)).strip();
    }

    private static String value(InternetHeaders headers, String name) {
        String value = headers.getHeader(name, ",");
        return value == null ? "" : value.replaceAll("\\s+", " ").strip();
    }

    private static Optional<String> returnedMessageId(BodyPart part) {
        try {
            if (part.getContent() instanceof Message returned) {
                String[] ids = returned.getHeader("Message-ID");
                return ids == null || ids.length == 0 ? Optional.empty() : Optional.of(ids[0].strip());
            }
            InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(read(part.getInputStream())));
            String id = headers.getHeader("Message-ID", ",");
            return id == null ? Optional.empty() : Optional.of(id.strip());
        } catch (MessagingException | IOException e) {
            return Optional.empty();
        }
    }

    private static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readNBytes(MAX_PART_BYTES);
        }
    }
}
