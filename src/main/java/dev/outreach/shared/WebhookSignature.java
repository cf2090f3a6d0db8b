package dev.outreach.shared;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one signature of our webhooks, both ways: the generic event webhook we receive checks it
 * (events module) and the webhooks we send carry it (integration module). Header
 * {@code X-Outreach-Signature: t=<unix seconds>,v1=<hex>}, where the hex is HMAC-SHA256, keyed
 * with the shared secret, of the bytes {@code "<t>." + body} (docs/webhooks.md).
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Outreach-Signature";

    private WebhookSignature() {
    }

    /** HMAC-SHA256 of {@code "<timestamp>." + body}: what goes in {@code v1}. */
    public static byte[] sign(byte[] secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** The header's value for a body sent at {@code at}. */
    public static String header(byte[] secret, Instant at, byte[] body) {
        String timestamp = Long.toString(at.getEpochSecond());
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(sign(secret, timestamp, body));
    }
}
