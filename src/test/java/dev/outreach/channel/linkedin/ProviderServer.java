package dev.outreach.channel.linkedin;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A stand-in LinkedIn provider on 127.0.0.1: answers what the test sets and keeps every request it got. */
final class ProviderServer implements AutoCloseable {

    record Received(String method, String path, String authorization, String idempotencyKey, String body) {
    }

    record Reply(int status, Map<String, String> headers, String body, Duration delay) {

        static Reply of(int status, String body) {
            return new Reply(status, Map.of(), body, Duration.ZERO);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Reply reply = Reply.of(200, "{\"id\":\"abc\"}");

    ProviderServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            Reply current = reply;
            try {
                Thread.sleep(current.delay());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = current.body().getBytes(StandardCharsets.UTF_8);
            current.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(current.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    void answer(Reply next) {
        reply = next;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    void forget() {
        received.clear();
        reply = Reply.of(200, "{\"id\":\"abc\"}");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
