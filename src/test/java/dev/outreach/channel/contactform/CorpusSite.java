package dev.outreach.channel.contactform;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The corpus's web site: an HTTPS server on 127.0.0.1 with a test certificate, serving every
 * page of the corpus folder at {@code /<page name>/} and answering every submission as a site
 * that accepted it would: a 303 to {@code /thank-you/} for a form post, success JSON for
 * WordPress' {@code admin-ajax.php}. It records each request with its raw body.
 */
final class CorpusSite implements AutoCloseable {

    /** One request as the server saw it, body as bytes. */
    record Received(String method, String path, String query, String contentType, byte[] body) {
    }

    static final String THANK_YOU = """
            <!DOCTYPE html><html><head><title>Thank you</title></head>
            <body><h1>Thank you!</h1><p>Your message has been sent. We will be in touch shortly.</p></body></html>
            """;
    static final String AJAX_SUCCESS = "{\"success\":true,\"data\":{\"message\":\"Your submission was successful.\",\"data\":[]}}";

    private static final char[] PASSWORD = "test-only".toCharArray();

    private final HttpsServer server;
    private final Path folder;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    CorpusSite(Path folder) throws Exception {
        this.folder = folder;
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext()));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** A TLS context that trusts this site's certificate and nothing else: the client side of the tests. */
    static SSLContext clientContext() throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keyStore());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    String origin() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    void forget() {
        received.clear();
    }

    /** A corpus text with its placeholders filled: {@code {{origin}}} and {@code {{path}}} (the page's path). */
    String expand(String text, String page) {
        return text.replace("{{origin}}", origin()).replace("{{path}}", "/" + page + "/");
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        String method = exchange.getRequestMethod();
        received.add(new Received(method, path, query, exchange.getRequestHeaders().getFirst("Content-Type"), body));
        try (exchange) {
            if (path.endsWith("/admin-ajax.php")) {
                send(exchange, 200, "application/json; charset=UTF-8", AJAX_SUCCESS);
            } else if (path.equals("/thank-you/")) {
                send(exchange, 200, "text/html; charset=UTF-8", THANK_YOU);
            } else if (method.equals("POST") || query != null) {
                exchange.getResponseHeaders().add("Location", "/thank-you/");
                exchange.sendResponseHeaders(303, -1);
            } else {
                page(exchange, path);
            }
        }
    }

    private void page(HttpExchange exchange, String path) throws IOException {
        String name = path.replaceAll("^/|/$", "");
        Path file = folder.resolve(name + ".html");
        if (name.isEmpty() || name.contains("/") || !Files.isRegularFile(file)) {
            send(exchange, 404, "text/html; charset=UTF-8", "<html><body>Not found</body></html>");
            return;
        }
        send(exchange, 200, "text/html; charset=UTF-8", expand(Files.readString(file), name));
    }

    private static void send(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static SSLContext serverContext() throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore(), PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** The committed test keystore: a self-signed certificate for 127.0.0.1, good for tests only. */
    private static KeyStore keyStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = CorpusSite.class.getResourceAsStream("/tls/contact-sites.p12")) {
            store.load(in, PASSWORD);
        }
        return store;
    }
}
