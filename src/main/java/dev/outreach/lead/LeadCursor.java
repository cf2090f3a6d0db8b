package dev.outreach.lead;

import dev.outreach.shared.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of the newest-first lead order ended: the last lead's creation time and id. Opaque
 * to clients (base64url); the next page starts strictly after it, so leads created meanwhile
 * (newer, hence before it) neither repeat nor shift a row out of the pages still to come.
 */
record LeadCursor(Instant createdAt, long id) {

    private static final String VERSION = "1";

    static LeadCursor after(LeadRow row) {
        return new LeadCursor(row.createdAt(), row.id());
    }

    String encode() {
        String plain = VERSION + ":" + createdAt.getEpochSecond() + ":" + createdAt.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor a client sent back; anything else is refused naming {@code cursor}. */
    static LeadCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":");
            if (parts.length != 4 || !VERSION.equals(parts[0])) {
                throw new IllegalArgumentException("unknown cursor format");
            }
            return new LeadCursor(Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2])),
                    Long.parseLong(parts[3]));
        } catch (RuntimeException e) {
            throw new InvalidInputException("cursor", "Not a cursor this API gave out: pass the 'next' value of the previous page");
        }
    }
}
