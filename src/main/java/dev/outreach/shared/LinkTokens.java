package dev.outreach.shared;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The signed tokens inside the links of our emails: the open pixel, click redirects and the
 * unsubscribe link. One class writes them (the email channel) and reads them (the endpoints),
 * so that their shape is known in one place.
 *
 * <p>A token is {@code base64url(payload) "." base64url(mac)}, where the payload is a version
 * byte, a purpose byte, the message id and, for a click, the target URL; the mac is
 * HMAC-SHA256 over the payload with a key derived from the app's secret key, cut to 128 bits.
 * The purpose is signed too, so an open token cannot unsubscribe and a click token cannot be
 * re-pointed: a click redirect only ever goes to a URL we signed (never an open redirect).
 */
@Component
public class LinkTokens {

    /** What a token is for; its code is the purpose byte of the payload. */
    public enum Purpose {
        OPEN('o'), CLICK('c'), UNSUBSCRIBE('u');

        private final byte code;

        Purpose(char code) {
            this.code = (byte) code;
        }
    }

    /** A click token's content. */
    public record Click(UUID messageId, URI target) {
    }

    private static final byte VERSION = 1;
    private static final int MAC_BYTES = 16;
    private static final int HEADER_BYTES = 2 + 16;
    /** Longer tokens are refused before any decoding: a URL in an email is never that long. */
    static final int MAX_TOKEN_CHARS = 4096;
    /** Longer URLs are not tracked (their link stays as written). */
    public static final int MAX_URL_CHARS = 2048;

    private final SecretKey key;

    @Autowired
    LinkTokens(SecretCipher secrets) {
        this(secrets.derivedMacKey("link-tokens"));
    }

    /** A codec with the given HMAC-SHA256 key (tests, tools). */
    public LinkTokens(SecretKey key) {
        this.key = key;
    }

    public String open(UUID messageId) {
        return sign(Purpose.OPEN, messageId, new byte[0]);
    }

    public String unsubscribe(UUID messageId) {
        return sign(Purpose.UNSUBSCRIBE, messageId, new byte[0]);
    }

    /** A click token for an http(s) URL; empty when the URL is not one we would redirect to. */
    public Optional<String> click(UUID messageId, String url) {
        return redirectTarget(url).map(target -> sign(Purpose.CLICK, messageId,
                target.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** The message of a valid open token. */
    public Optional<UUID> openedMessage(String token) {
        return verify(token, Purpose.OPEN).filter(payload -> payload.remaining() == 16).map(LinkTokens::messageId);
    }

    /** The message of a valid unsubscribe token. */
    public Optional<UUID> unsubscribedMessage(String token) {
        return verify(token, Purpose.UNSUBSCRIBE).filter(payload -> payload.remaining() == 16)
                .map(LinkTokens::messageId);
    }

    /** The message and target of a valid click token; the target is checked again (http or https, absolute). */
    public Optional<Click> click(String token) {
        return verify(token, Purpose.CLICK).flatMap(payload -> {
            UUID messageId = messageId(payload);
            byte[] url = new byte[payload.remaining()];
            payload.get(url);
            return redirectTarget(new String(url, StandardCharsets.UTF_8)).map(target -> new Click(messageId, target));
        });
    }

    /** An absolute http(s) URL with a host and no user info, short enough to sign; anything else is not tracked. */
    static Optional<URI> redirectTarget(String url) {
        if (url == null || url.isEmpty() || url.length() > MAX_URL_CHARS) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private String sign(Purpose purpose, UUID messageId, byte[] extra) {
        ByteBuffer payload = ByteBuffer.allocate(HEADER_BYTES + extra.length).put(VERSION).put(purpose.code)
                .putLong(messageId.getMostSignificantBits()).putLong(messageId.getLeastSignificantBits()).put(extra);
        byte[] bytes = payload.array();
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString(bytes) + "." + base64.encodeToString(mac(bytes));
    }

    /** The payload from the message id on, when the token is well formed, for this purpose, and signed by us. */
    private Optional<ByteBuffer> verify(String token, Purpose purpose) {
        if (token == null || token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        byte[] payload;
        byte[] mac;
        try {
            payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
            mac = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (payload.length < HEADER_BYTES || !MessageDigest.isEqual(mac, mac(payload))) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        if (buffer.get() != VERSION || buffer.get() != purpose.code) {
            return Optional.empty();
        }
        return Optional.of(buffer);
    }

    private static UUID messageId(ByteBuffer payload) {
        return new UUID(payload.getLong(), payload.getLong());
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(payload), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }
}
