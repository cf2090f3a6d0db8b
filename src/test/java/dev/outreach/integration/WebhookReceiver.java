package dev.outreach.integration;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver of our webhooks on 127.0.0.1, written as a customer would from docs/webhooks.md: it
 * checks the signature with its own HMAC code (not ours), answers what the test scripted (a status,
 * or a stall longer than our timeout) and dedupes by delivery id, as the docs ask.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived. */
    record Received(String deliveryId, String event, String signature, String body, boolean signatureValid,
            int answered) {
    }

    private final HttpServer server;
    private final byte[] secret;
    private final Queue<Object> script = new ConcurrentLinkedQueue<>();
    final List<Received> received = new CopyOnWriteArrayList<>();
    /** Delivery ids accepted (answered 2xx) once each: what the receiver's own dedupe keeps. */
    final Set<String> accepted = ConcurrentHashMap.newKeySet();
    final Map<String, Integer> acceptedTwice = new ConcurrentHashMap<>();
    /** The receiver's clock for the signature's freshness: the tests' moved clock, as a receiver in sync with us. */
    volatile java.util.function.Supplier<Instant> now = Instant::now;

    WebhookReceiver(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hooks", this::handle);
        server.start();
    }

    /** The next answers, in order: an Integer status or a Duration to stall before answering 200. */
    void script(Object... answers) {
        script.addAll(List.of(answers));
    }

    String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    String url() {
        return "http://" + hostPort() + "/hooks";
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String signature = exchange.getRequestHeaders().getFirst("X-Outreach-Signature");
        String id = exchange.getRequestHeaders().getFirst("X-Outreach-Delivery");
        Object answer = script.poll();
        int status = answer instanceof Integer code ? code : 200;
        if (answer instanceof Duration stall) {
            try {
                Thread.sleep(stall);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        boolean valid = verify(signature, body);
        if (!valid) {
            status = 401;
        }
        received.add(new Received(id, exchange.getRequestHeaders().getFirst("X-Outreach-Event"), signature,
                new String(body, StandardCharsets.UTF_8), valid, status));
        if (status / 100 == 2 && !accepted.add(id)) {
            acceptedTwice.merge(id, 1, Integer::sum); // a duplicate: the receiver's dedupe drops it
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** The documented check: t within 5 minutes, v1 = hex HMAC-SHA256(secret, t + "." + body). */
    private boolean verify(String header, byte[] body) {
        if (header == null) {
            return false;
        }
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            String[] pair = part.strip().split("=", 2);
            if (pair[0].equals("t")) {
                t = pair[1];
            } else if (pair[0].equals("v1")) {
                v1 = pair[1];
            }
        }
        if (t == null || v1 == null || Math.abs(now.get().getEpochSecond() - Long.parseLong(t)) > 300) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] expected = mac.doFinal((t + "." + new String(body, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1));
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
