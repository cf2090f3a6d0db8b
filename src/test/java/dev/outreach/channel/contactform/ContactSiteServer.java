package dev.outreach.channel.contactform;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A small web site on 127.0.0.1 with the contact pages of {@link ContactPages}, redirect chains,
 * a huge page, a slow page and failing form endpoints. It records every request it receives, so
 * tests can assert what was submitted and that refused URLs caused no request at all.
 */
final class ContactSiteServer implements AutoCloseable {

    /** One request as the server saw it. */
    record Received(String method, String path, String query, String contentType, String cookie, String body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    ContactSiteServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** {@code 127.0.0.1:port}, the one entry a test guard allows. */
    String hostPort() {
        return "127.0.0.1:" + port();
    }

    String url(String path) {
        return "http://" + hostPort() + path;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<String> receivedPaths() {
        return received.stream().map(r -> r.method() + " " + r.path()).toList();
    }

    void forget() {
        received.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        received.add(new Received(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("Cookie"), body));
        boolean post = exchange.getRequestMethod().equals("POST");
        try (exchange) {
            switch (path) {
                case "/contact/" -> {
                    exchange.getResponseHeaders().add("Set-Cookie", "wp_session=abc123; Path=/; HttpOnly");
                    html(exchange, 200, post ? ContactPages.CONTACT_FORM_7_SENT : ContactPages.CONTACT_FORM_7);
                }
                case "/hubspot" -> html(exchange, 200, ContactPages.HUBSPOT);
                case "/hubspot/submit" -> html(exchange, 200, ContactPages.THANK_YOU);
                case "/hubspot-rejects" -> html(exchange, 200,
                        ContactPages.HUBSPOT.replace("/hubspot/submit", "/hubspot-rejects/submit"));
                case "/hubspot-rejects/submit" -> html(exchange, 200, ContactPages.HUBSPOT_ERROR);
                case "/cf7-invalid" -> html(exchange, 200, post ? ContactPages.CONTACT_FORM_7_INVALID
                        : ContactPages.CONTACT_FORM_7.replace("/contact/#wpcf7-f5-o1", "/cf7-invalid"));
                case "/recaptcha" -> html(exchange, 200, ContactPages.RECAPTCHA);
                case "/hcaptcha" -> html(exchange, 200, ContactPages.HCAPTCHA);
                case "/turnstile" -> html(exchange, 200, ContactPages.TURNSTILE);
                case "/about" -> html(exchange, 200, ContactPages.NEWSLETTER_ONLY);
                case "/r1", "/s1" -> redirect(exchange, 302, path.charAt(1) + "2");
                case "/r2", "/s2" -> redirect(exchange, 301, url("/" + path.charAt(1) + "3"));
                case "/r3" -> redirect(exchange, 307, "/contact/");
                case "/s3" -> redirect(exchange, 302, "/s4");
                case "/s4" -> redirect(exchange, 302, "/contact/");
                case "/to-metadata" -> redirect(exchange, 302, "http://169.254.169.254/latest/meta-data");
                case "/huge" -> huge(exchange, false);
                case "/huge-declared" -> huge(exchange, true);
                case "/slow" -> {
                    sleep(3_000);
                    html(exchange, 200, ContactPages.THANK_YOU);
                }
                case "/broken" -> html(exchange, 200, ContactPages.simpleForm("/broken/submit", ""));
                case "/broken/submit" -> html(exchange, 500, "<html><body>Internal Server Error</body></html>");
                case "/post-redirect" -> html(exchange, 200, ContactPages.simpleForm("submit", ""));
                case "/submit" -> redirect(exchange, 303, "/thanks");
                case "/thanks" -> html(exchange, 200, ContactPages.THANK_YOU);
                case "/consent" -> html(exchange, 200, ContactPages.simpleForm("/consent",
                        "<label><input type=\"checkbox\" name=\"sms_consent\" value=\"yes\" required> I agree to receive text messages</label>"));
                case "/private-action" -> html(exchange, 200,
                        ContactPages.simpleForm("http://10.0.0.1/contact", ""));
                case "/post-to-metadata" -> html(exchange, 200,
                        ContactPages.simpleForm("/post-to-metadata/submit", ""));
                case "/post-to-metadata/submit" -> redirect(exchange, 307, "http://169.254.169.254/latest/meta-data");
                default -> html(exchange, 404, "<html><body>Not found</body></html>");
            }
        }
    }

    private static void html(HttpExchange exchange, int status, String html) throws IOException {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void redirect(HttpExchange exchange, int status, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(status, -1);
    }

    /** A 3 MB page, announced with Content-Length or streamed in chunks. */
    private static void huge(HttpExchange exchange, boolean declared) throws IOException {
        int size = 3 * 1024 * 1024;
        exchange.getResponseHeaders().add("Content-Type", "text/html");
        exchange.sendResponseHeaders(200, declared ? size : 0);
        byte[] chunk = "<p>filler</p>\n".repeat(1024).getBytes(StandardCharsets.UTF_8);
        try {
            OutputStream out = exchange.getResponseBody();
            for (int sent = 0; sent < size; sent += chunk.length) {
                out.write(chunk, 0, Math.min(chunk.length, size - sent));
            }
        } catch (IOException clientStoppedReading) {
            // expected: the client cancels once it passes its cap
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
