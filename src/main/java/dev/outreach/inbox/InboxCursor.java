package dev.outreach.inbox;

import dev.outreach.shared.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of the newest-first inbox ended: the last reply's arrival and id. The next page
 * starts strictly after it, so replies arriving meanwhile (newer, hence before it) neither repeat
 * a row nor push one out of the pages still to come.
 */
record InboxCursor(Instant receivedAt, long replyId) {

    private static final String VERSION = "1";

    static InboxCursor after(InboxRow row) {
        return new InboxCursor(row.receivedAt(), row.replyId());
    }

    String encode() {
        String plain = VERSION + ":" + receivedAt.getEpochSecond() + ":" + receivedAt.getNano() + ":" + replyId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor of an earlier page; anything else is refused naming {@code cursor}. */
    static InboxCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":");
            if (parts.length != 4 || !VERSION.equals(parts[0])) {
                throw new IllegalArgumentException("unknown cursor format");
            }
            return new InboxCursor(Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2])),
                    Long.parseLong(parts[3]));
        } catch (RuntimeException e) {
            throw new InvalidInputException("cursor", "Not a cursor the inbox gave out: pass the 'next' value of the previous page");
        }
    }
}
