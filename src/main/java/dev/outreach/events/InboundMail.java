package dev.outreach.events;

import dev.outreach.shared.UnsubscribeMailto;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * One message from a polled inbox, read only as far as needed to tell what it is: a delivery
 * status report (bounce), an automatic answer, an unsubscribe sent with our List-Unsubscribe
 * mailto, a reply that quotes one of our Message-IDs, or anything else. Bodies are read only for reports and for replies to us.
 */
sealed interface InboundMail {

    /** The message's own Message-ID as a key (or the mailbox, UIDVALIDITY and UID when it has none). */
    String key();

    record Report(String key, DeliveryStatusReport report, Instant receivedAt) implements InboundMail {
    }

    record AutoReply(String key, String reason) implements InboundMail {
    }

    /** {@code referencedIds}: our Message-IDs it quotes, In-Reply-To first, then References newest first. */
    record Reply(String key, String headerMessageId, List<String> referencedIds, String from, String subject,
            String excerpt, Instant receivedAt) implements InboundMail {
    }

    /** A mail sent with our List-Unsubscribe mailto: the subject carries the message's unsubscribe token. */
    record Unsubscribe(String key, String token, String from, Instant receivedAt) implements InboundMail {
    }

    record Other(String key) implements InboundMail {
    }

    static InboundMail read(Message message, String fallbackKey, Instant now) throws MessagingException, IOException {
        Optional<String> ownId = header(message, "Message-ID").map(v -> MessageIds.all(v).stream().findFirst().orElse(v));
        String key = ownId.map(MessageIds::key).orElse(fallbackKey);
        Instant receivedAt = message.getReceivedDate() != null ? message.getReceivedDate().toInstant()
                : message.getSentDate() != null ? message.getSentDate().toInstant() : now;
        if (DeliveryStatusReport.isReport(message)) {
            Optional<DeliveryStatusReport> report = DeliveryStatusReport.parse(message);
            if (report.isPresent()) {
                DeliveryStatusReport found = report.get();
                if (found.originalMessageId().isEmpty()) {
                    // some servers return no headers part, but thread the report to the failed message
                    found = new DeliveryStatusReport(found.action(), found.status(), found.finalRecipient(),
                            found.diagnostic(), referencedIds(message).stream().findFirst(), found.fields());
                }
                return new Report(key, found, receivedAt);
            }
            return new Other(key);
        }
        // before the automatic-answer check: some clients mark the unsubscribe mail they generate as automatic
        Optional<String> unsubscribe = UnsubscribeMailto.tokenIn(message.getSubject());
        if (unsubscribe.isPresent()) {
            return new Unsubscribe(key, unsubscribe.get(), from(message), receivedAt);
        }
        Optional<String> automatic = AutoReplies.reason(message);
        if (automatic.isPresent()) {
            return new AutoReply(key, automatic.get());
        }
        List<String> ours = referencedIds(message).stream().filter(id -> MessageIds.ourMessage(id).isPresent()).toList();
        if (ours.isEmpty()) {
            return new Other(key);
        }
        return new Reply(key, ownId.orElse(fallbackKey), ours, from(message), message.getSubject(),
                ReplyText.excerpt(message), receivedAt);
    }

    /** In-Reply-To first, then References from the newest (last) to the oldest, without repeats. */
    private static List<String> referencedIds(Message message) throws MessagingException {
        LinkedHashSet<String> ids = new LinkedHashSet<>(MessageIds.all(header(message, "In-Reply-To").orElse(null)));
        List<String> references = new ArrayList<>(MessageIds.all(header(message, "References").orElse(null)));
        Collections.reverse(references);
        ids.addAll(references);
        return List.copyOf(ids);
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
