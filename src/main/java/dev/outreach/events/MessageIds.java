package dev.outreach.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Message-ID headers: ours are {@code <message uuid@mailbox domain>} (see the email channel's
 * composer), so the message a reply or bounce is about can be read off the id it quotes.
 */
final class MessageIds {

    private static final Pattern ID = Pattern.compile("<([^<>\\s]+)>");
    private static final Pattern OURS = Pattern.compile(
            "<([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@[^<>\\s@]+>", Pattern.CASE_INSENSITIVE);
    /** provider_event_id holds 200 characters (with a prefix); email_reply.header_message_id 300. */
    static final int MAX_KEY = 190;

    private MessageIds() {
    }

    /** Every {@code <id>} in a header value (In-Reply-To, References), in order. */
    static List<String> all(String headerValue) {
        List<String> ids = new ArrayList<>();
        if (headerValue == null) {
            return ids;
        }
        Matcher matcher = ID.matcher(headerValue);
        while (matcher.find()) {
            ids.add(matcher.group());
        }
        return ids;
    }

    /** The message uuid in one of our Message-IDs. */
    static Optional<UUID> ourMessage(String messageId) {
        if (messageId == null) {
            return Optional.empty();
        }
        Matcher matcher = OURS.matcher(messageId.strip());
        return matcher.matches() ? Optional.of(UUID.fromString(matcher.group(1))) : Optional.empty();
    }

    /** A Message-ID as a key that fits the columns: itself, or its SHA-256 when it is too long. */
    static String key(String messageId) {
        if (messageId.length() <= MAX_KEY) {
            return messageId;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(messageId.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
