package dev.outreach.channel.contactform;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A web site on 127.0.0.1 whose pages each test sets: a path answers GET with one response and
 * POST with another. It records every request with its User-Agent, so tests see what a site
 * owner's server sees.
 */
public final class LoopbackSite implements AutoCloseable {

    /** One request as the site saw it. */
    public record Received(String method, String path, String userAgent, String body) {
    }

    /** A response: status, content type, body; a 3xx with a Location header when {@code location} is set. */
    public record Answer(int status, String contentType, String body, String location) {

        public static Answer html(String body) {
            return new Answer(200, "text/html; charset=UTF-8", body, null);
        }

        public static Answer json(String body) {
            return new Answer(200, "application/json; charset=UTF-8", body, null);
        }

        public static Answer redirect(String location) {
            return new Answer(303, "", "", location);
        }
    }

    private final HttpServer server;
    private final Map<String, Answer> gets = new ConcurrentHashMap<>();
    private final Map<String, Answer> posts = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public LoopbackSite() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public LoopbackSite get(String path, Answer answer) {
        gets.put(path, answer);
        return this;
    }

    public LoopbackSite post(String path, Answer answer) {
        posts.put(path, answer);
        return this;
    }

    public String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://" + hostPort() + path;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<String> receivedPaths() {
        return received.stream().map(r -> r.method() + " " + r.path()).toList();
    }

    public long posts() {
        return received.stream().filter(r -> r.method().equals("POST")).count();
    }

    public void forget() {
        received.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        received.add(new Received(exchange.getRequestMethod(), path,
                exchange.getRequestHeaders().getFirst("User-Agent"), body));
        Answer answer = (exchange.getRequestMethod().equals("POST") ? posts : gets).getOrDefault(path,
                new Answer(404, "text/html", "<html><body>Not found</body></html>", null));
        try (exchange) {
            if (answer.location() != null) {
                exchange.getResponseHeaders().add("Location", answer.location());
                exchange.sendResponseHeaders(answer.status(), -1);
                return;
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }
}
