package dev.outreach.events;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bounces that are not RFC 3464 reports: the plain-text notices of qmail and Yahoo ("failure
 * notice"), Exim ("Mail delivery failed"), old Sendmail ("Returned mail"), and the Exchange
 * NDRs some servers still send as text. Read as the bounce parsers read them: the failed
 * recipient, the status (an enhanced code, else a known phrase, else the SMTP reply's class),
 * whether it is a failure or only a delay, and the returned message's Message-ID.
 */
final class TextBounces {

    private static final int MAX_TEXT = 64 * 1024;
    private static final Pattern DAEMON = Pattern.compile("^(mailer-daemon|postmaster|mail-daemon|mailerdaemon|"
            + "mail delivery subsystem|mail delivery system)$", Pattern.CASE_INSENSITIVE);
    private static final List<String> SUBJECTS = List.of("failure notice", "undeliver", "delivery status notification",
            "mail delivery failed", "returned mail", "delivery failure", "delivery has failed", "could not send message",
            "delayed mail", "delivery delayed", "message delayed", "non-delivery", "nondeliverable", "not delivered",
            "mail system error", "delivery notification", "warning: message");
    /** Where the notice ends and the returned message begins. */
    private static final Pattern RETURNED = Pattern.compile("(?im)^\\s*(-{2,}\\s*(below this line is a copy|this is a copy"
            + "|original message|the original message|unsent message)|original message headers:|-{3,} *original message)");
    private static final Pattern ENHANCED = Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.])");
    private static final Pattern SMTP_REPLY = Pattern.compile("(?<![\\d.:])([45][0-5]\\d)(?=[ -][^\\d])");
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._%+'=-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^\\s*Message-ID:\\s*(<[^<>\\s]+>)");
    private static final List<String> PERMANENT = List.of("permanent error", "permanent fatal", "i've given up",
            "i have given up", "delivery has failed", "could not be delivered", "has failed", "failed permanently",
            "unable to deliver", "was not delivered", "did not reach the following recipient");
    private static final List<String> DELAYED = List.of("delayed", "has not yet been delivered", "not yet been delivered",
            "will keep trying", "still being retried", "warning message only", "will continue to attempt",
            "delivery attempts will continue", "will retry", "will be retried", "still undelivered");
    /** A phrase that names the reason when no enhanced code does (as sisimai's reason tables do). */
    private static final Map<String, String> PHRASES = Map.ofEntries(
            Map.entry("user unknown", "5.1.1"), Map.entry("no such user", "5.1.1"), Map.entry("mailbox not found", "5.1.1"),
            Map.entry("does not exist", "5.1.1"), Map.entry("recipient not found", "5.1.1"),
            Map.entry("does not like recipient", "5.1.1"), Map.entry("unknown user", "5.1.1"),
            Map.entry("couldn't be found", "5.1.1"), Map.entry("no mailbox here", "5.1.1"),
            Map.entry("mailbox unavailable", "5.1.1"), Map.entry("address rejected", "5.1.1"),
            Map.entry("not recognized", "5.1.1"), Map.entry("unknown recipient", "5.1.1"),
            Map.entry("mailbox is disabled", "5.2.1"), Map.entry("account is disabled", "5.2.1"),
            Map.entry("mailbox is full", "4.2.2"), Map.entry("mailbox full", "4.2.2"), Map.entry("over quota", "4.2.2"),
            Map.entry("quota exceeded", "4.2.2"), Map.entry("connection timed out", "4.4.1"),
            Map.entry("connection refused", "4.4.1"), Map.entry("host not found", "5.1.2"));

    private TextBounces() {
    }

    /** Sent by a mail system about a delivery: from MAILER-DAEMON or postmaster, or with X-Failed-Recipients, or a null sender and a bounce's subject. */
    static boolean looksLikeBounce(Message message) throws MessagingException {
        if (header(message, "X-Failed-Recipients") != null) {
            return true;
        }
        String subject = AutoReplies.normalized(message.getSubject());
        boolean bounceSubject = SUBJECTS.stream().anyMatch(subject::contains);
        if (fromDaemon(message)) {
            return bounceSubject || subject.isEmpty();
        }
        String returnPath = header(message, "Return-Path");
        return bounceSubject && returnPath != null && returnPath.replaceAll("\\s", "").equals("<>");
    }

    private static boolean fromDaemon(Message message) {
        try {
            var from = message.getFrom();
            if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress address)) {
                return false;
            }
            String local = address.getAddress() == null ? "" : address.getAddress().replaceAll("@.*", "");
            return DAEMON.matcher(local).matches()
                    || (address.getPersonal() != null && DAEMON.matcher(address.getPersonal().strip()).matches());
        } catch (MessagingException malformed) {
            return false;
        }
    }

    /** The bounce as a report; empty when the text names no recipient and no status. */
    static Optional<DeliveryStatusReport> parse(Message message) throws MessagingException, IOException {
        String text = text(message);
        Matcher returnedAt = RETURNED.matcher(text);
        String notice = returnedAt.find() ? text.substring(0, returnedAt.start()) : text;
        String lower = notice.toLowerCase(Locale.ROOT);
        String subject = AutoReplies.normalized(message.getSubject());
        boolean permanent = PERMANENT.stream().anyMatch(lower::contains) && !lower.contains("warning message only");
        boolean delayed = !permanent && (DELAYED.stream().anyMatch(lower::contains)
                || DELAYED.stream().anyMatch(subject::contains));
        String recipient = recipient(message, notice);
        Optional<String> status = enhancedStatus(notice).or(() -> phraseStatus(lower)).or(() -> smtpStatus(notice));
        if (recipient.isEmpty() && status.isEmpty()) {
            return Optional.empty();
        }
        String code = status.orElse(delayed ? "4.0.0" : permanent ? "5.0.0" : "");
        return Optional.of(new DeliveryStatusReport(delayed ? "delayed" : "failed", code, recipient,
                diagnostic(notice, recipient), originalMessageId(message, text), cut(notice.strip(), 20_000)));
    }

    private static String recipient(Message message, String notice) throws MessagingException {
        String failed = header(message, "X-Failed-Recipients");
        if (failed != null) {
            Matcher matcher = ADDRESS.matcher(failed);
            if (matcher.find()) {
                return matcher.group();
            }
        }
        List<String> skip = new ArrayList<>();
        for (var address : Optional.ofNullable(message.getFrom()).orElse(new jakarta.mail.Address[0])) {
            skip.add(address.toString().toLowerCase(Locale.ROOT));
        }
        for (var address : Optional.ofNullable(message.getAllRecipients()).orElse(new jakarta.mail.Address[0])) {
            skip.add(address.toString().toLowerCase(Locale.ROOT));
        }
        for (String line : notice.split("\\R")) {
            if (line.strip().toLowerCase(Locale.ROOT).matches("^(message-id|from|to|received|return-path|reporting-mta)\\s*:.*")) {
                continue;
            }
            Matcher matcher = ADDRESS.matcher(line);
            while (matcher.find()) {
                String address = matcher.group();
                String lowered = address.toLowerCase(Locale.ROOT);
                boolean daemon = DAEMON.matcher(lowered.replaceAll("@.*", "")).matches();
                if (!daemon && skip.stream().noneMatch(s -> s.contains(lowered))) {
                    return address;
                }
            }
        }
        return "";
    }

    private static Optional<String> enhancedStatus(String notice) {
        Matcher matcher = ENHANCED.matcher(notice);
        return matcher.find() ? Optional.of(matcher.group()) : Optional.empty();
    }

    private static Optional<String> phraseStatus(String lowerNotice) {
        return PHRASES.entrySet().stream().filter(e -> lowerNotice.contains(e.getKey()))
                .min(java.util.Comparator.comparingInt(e -> lowerNotice.indexOf(e.getKey()))).map(Map.Entry::getValue);
    }

    private static Optional<String> smtpStatus(String notice) {
        Matcher matcher = SMTP_REPLY.matcher(notice);
        return matcher.find() ? Optional.of(matcher.group(1).charAt(0) + ".0.0") : Optional.empty();
    }

    /** The line that says why (an SMTP reply), else the notice's first sentence. */
    private static String diagnostic(String notice, String recipient) {
        for (String line : notice.split("\\R")) {
            String stripped = line.strip();
            if (SMTP_REPLY.matcher(stripped).find() || ENHANCED.matcher(stripped).find()) {
                return cut(stripped, 500);
            }
        }
        return recipient.isEmpty() ? "" : "delivery to " + recipient + " failed";
    }

    /** Ours among the Message-IDs of the returned message, else the first of them, else the bounce's thread ids. */
    private static Optional<String> originalMessageId(Message message, String text) throws MessagingException {
        List<String> found = new ArrayList<>();
        Matcher matcher = MESSAGE_ID.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        found.addAll(MessageIds.all(header(message, "In-Reply-To")));
        found.addAll(MessageIds.all(header(message, "References")));
        return found.stream().filter(id -> MessageIds.ourMessage(id).isPresent()).findFirst()
                .or(() -> found.stream().findFirst());
    }

    /** Every text part, the returned message (message/rfc822, text/rfc822-headers) included. */
    static String text(Part part) throws MessagingException, IOException {
        StringBuilder text = new StringBuilder();
        append(part, text, 0);
        return text.toString();
    }

    private static void append(Part part, StringBuilder text, int depth) throws MessagingException, IOException {
        if (text.length() >= MAX_TEXT || depth > 4) {
            return;
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                append(multipart.getBodyPart(i), text, depth + 1);
            }
        } else if (part.isMimeType("text/html") && part.getContent() instanceof String html) {
            text.append(ReplyText.htmlAsText(html)).append('\n');
        } else if (part.isMimeType("message/rfc822") && part.getContent() instanceof Message returned) {
            // over IMAP a returned message is a nested message: its headers, then its text
            text.append("\n--- original message\n");
            for (var headers = returned.getAllHeaders(); headers.hasMoreElements(); ) {
                jakarta.mail.Header header = headers.nextElement();
                text.append(header.getName()).append(": ").append(header.getValue()).append('\n');
            }
            text.append('\n');
            append(returned, text, depth + 1);
        } else if (part.isMimeType("text/*") || part.isMimeType("message/*")) {
            if (part.isMimeType("message/*")) {
                text.append("\n--- original message\n");
            }
            try (InputStream in = part.getInputStream()) {
                text.append(new String(in.readNBytes(MAX_TEXT - text.length()), charset(part))).append('\n');
            }
        }
    }

    private static java.nio.charset.Charset charset(Part part) {
        try {
            String name = new jakarta.mail.internet.ContentType(part.getContentType()).getParameter("charset");
            return name == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(name);
        } catch (MessagingException | RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private static String header(Message message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null || values.length == 0 ? null : String.join(" ", values).strip();
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
