package dev.outreach.events;

import dev.outreach.shared.UnsubscribeMailto;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * One message from a polled inbox, read only as far as needed to tell what it is: a delivery
 * status report or a plain-text bounce, a feedback-loop complaint (ARF), an unsubscribe sent with
 * our List-Unsubscribe mailto, a challenge-response, an automatic answer (with the return date
 * it names), a reply, or anything else. Bodies are read only for reports and for mail that may be
 * about us. Mail that quotes none of our Message-IDs is tied to a lead by its sender, unless it
 * answers somebody else's thread.
 */
sealed interface InboundMail {

    /** The message's own Message-ID as a key (or the mailbox, UIDVALIDITY and UID when it has none). */
    String key();

    record Report(String key, DeliveryStatusReport report, Instant receivedAt) implements InboundMail {
    }

    record Complaint(String key, FeedbackReport report, Instant receivedAt) implements InboundMail {
    }

    /**
     * An out-of-office or other automatic answer; {@code returnDate} the day it says its writer is
     * back. {@code referencedIds} and {@code from} tie it to the lead, as for a reply.
     */
    record AutoReply(String key, String reason, String headerMessageId, List<String> referencedIds, String from,
            String subject, String excerpt, Optional<LocalDate> returnDate, Instant receivedAt, Instant writtenAt)
            implements InboundMail {
    }

    /**
     * A challenge-response: a person must verify at {@code link}, which is never fetched.
     * {@code senders}: From, Reply-To and the addresses its text names (services such as Boxbe
     * send from their own address on the lead's behalf).
     */
    record Challenge(String key, String reason, String headerMessageId, List<String> referencedIds, List<String> senders,
            String subject, Optional<String> link, Instant receivedAt) implements InboundMail {
    }

    /**
     * {@code referencedIds}: our Message-IDs it quotes, In-Reply-To first, then References newest
     * first; empty when it quotes no thread at all (then its sender names the lead). {@code writtenAt}: its Date
     * header, else when it arrived; dates without a year in it count from there.
     */
    record Reply(String key, String headerMessageId, List<String> referencedIds, String from, String subject,
            String excerpt, Instant receivedAt, Instant writtenAt) implements InboundMail {
    }

    /** A mail sent with our List-Unsubscribe mailto: the subject carries the message's unsubscribe token. */
    record Unsubscribe(String key, String token, String from, Instant receivedAt) implements InboundMail {
    }

    record Other(String key) implements InboundMail {
    }

    static InboundMail read(Message message, String fallbackKey, Instant now) throws MessagingException, IOException {
        Optional<String> ownId = header(message, "Message-ID").map(v -> MessageIds.all(v).stream().findFirst().orElse(v));
        String key = ownId.map(MessageIds::key).orElse(fallbackKey);
        String headerId = ownId.orElse(fallbackKey);
        Instant receivedAt = message.getReceivedDate() != null ? message.getReceivedDate().toInstant()
                : message.getSentDate() != null ? message.getSentDate().toInstant() : now;
        if (DeliveryStatusReport.isReport(message)) {
            Optional<DeliveryStatusReport> report = DeliveryStatusReport.parse(message);
            if (report.isPresent()) {
                DeliveryStatusReport found = report.get();
                if (found.originalMessageId().isEmpty()) {
                    // some servers return no headers part, but thread the report to the failed message
                    found = found.withOriginalMessageId(referencedIds(message).stream().findFirst());
                }
                return new Report(key, found, receivedAt);
            }
            return new Other(key);
        }
        if (FeedbackReport.isFeedbackReport(message)) {
            return FeedbackReport.parse(message).<InboundMail>map(r -> new Complaint(key, r, receivedAt))
                    .orElse(new Other(key));
        }
        if (TextBounces.looksLikeBounce(message)) {
            return TextBounces.parse(message).<InboundMail>map(r -> new Report(key, r, receivedAt)).orElse(new Other(key));
        }
        // before the automatic-answer check: some clients mark the unsubscribe mail they generate as automatic
        Optional<String> unsubscribe = UnsubscribeMailto.tokenIn(message.getSubject());
        if (unsubscribe.isPresent()) {
            return new Unsubscribe(key, unsubscribe.get(), from(message), receivedAt);
        }
        List<String> quoted = referencedIds(message);
        List<String> ours = quoted.stream().filter(id -> MessageIds.ourMessage(id).isPresent()).toList();
        if (!quoted.isEmpty() && ours.isEmpty()) {
            return new Other(key);
        }
        String excerpt = ReplyText.excerpt(message);
        Optional<String> challenge = Challenges.reason(message, excerpt);
        if (challenge.isPresent()) {
            return new Challenge(key, challenge.get(), headerId, ours, senders(message, excerpt), message.getSubject(),
                    Challenges.link(TextBounces.text(message)), receivedAt);
        }
        Instant written = message.getSentDate() != null ? message.getSentDate().toInstant() : receivedAt;
        Optional<String> automatic = AutoReplies.reason(message);
        if (automatic.isPresent()) {
            Optional<LocalDate> back = ReturnDates.in((message.getSubject() == null ? "" : message.getSubject()) + "\n"
                    + excerpt, written.atOffset(ZoneOffset.UTC).toLocalDate());
            return new AutoReply(key, automatic.get(), headerId, ours, from(message), message.getSubject(), excerpt, back,
                    receivedAt, written);
        }
        return new Reply(key, headerId, ours, from(message), message.getSubject(), excerpt, receivedAt, written);
    }

    /** In-Reply-To first, then References from the newest (last) to the oldest, without repeats. */
    private static List<String> referencedIds(Message message) throws MessagingException {
        LinkedHashSet<String> ids = new LinkedHashSet<>(MessageIds.all(header(message, "In-Reply-To").orElse(null)));
        List<String> references = new ArrayList<>(MessageIds.all(header(message, "References").orElse(null)));
        Collections.reverse(references);
        ids.addAll(references);
        return List.copyOf(ids);
    }

    private static List<String> senders(Message message, String text) throws MessagingException {
        LinkedHashSet<String> senders = new LinkedHashSet<>();
        Optional.ofNullable(from(message)).ifPresent(senders::add);
        jakarta.mail.Address[] replyTo = message.getReplyTo();
        for (jakarta.mail.Address address : replyTo == null ? new jakarta.mail.Address[0] : replyTo) {
            if (address instanceof InternetAddress internet && internet.getAddress() != null) {
                senders.add(internet.getAddress());
            }
        }
        java.util.regex.Matcher named = java.util.regex.Pattern.compile("[A-Za-z0-9._%+'=-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}")
                .matcher(text);
        while (named.find() && senders.size() < 10) {
            senders.add(named.group());
        }
        return List.copyOf(senders);
    }

    private static String from(Message message) throws MessagingException {
        try {
            var from = message.getFrom();
            return from == null || from.length == 0 ? null
                    : from[0] instanceof InternetAddress address ? address.getAddress() : from[0].toString();
        } catch (MessagingException malformed) {
            return header(message, "From").orElse(null);
        }
    }

    private static Optional<String> header(Message message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null || values.length == 0 || values[0].isBlank() ? Optional.empty()
                : Optional.of(String.join(" ", values).replaceAll("\\s+", " ").strip());
    }
}
