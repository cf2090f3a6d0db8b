package dev.outreach.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small site on 127.0.0.1 for the contact-form preview: a hand-written contact page with a
 * hidden decoy and a label whose text looks like markup, a page behind a CAPTCHA, and a redirect
 * to the contact page. It records every request, so a test can tell that nothing was posted.
 */
public final class PreviewSite implements AutoCloseable {

    public static final String CONTACT = """
            <html><body><h1>Contact Ortiz HVAC</h1>
            <form id="contact" method="post" action="/contact/send">
              <label for="n">Your &lt;b&gt;name&lt;/b&gt;</label><input id="n" name="your-name" required>
              <label for="e">Email</label><input id="e" name="your-email" type="email" required>
              <label for="m">How can we help?</label><textarea id="m" name="your-message" required></textarea>
              <div style="display:none"><label for="hp">Leave this field empty</label>
                <input id="hp" name="website" tabindex="-1" autocomplete="off"></div>
              <input type="hidden" name="_token" value="abc123">
              <button type="submit">Send</button>
            </form></body></html>""";
    public static final String CAPTCHA = """
            <html><head><script src="https://www.google.com/recaptcha/api.js" async defer></script></head><body>
            <form id="contact" method="post" action="/captcha/send">
              <label for="n">Name</label><input id="n" name="name" required>
              <label for="e">Email</label><input id="e" name="email" type="email" required>
              <label for="m">Message</label><textarea id="m" name="message" required></textarea>
              <div class="g-recaptcha" data-sitekey="6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI"></div>
              <button type="submit">Send</button>
            </form></body></html>""";

    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    public PreviewSite() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/go-to-contact")) {
                exchange.getResponseHeaders().add("Location", "/contact");
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
                return;
            }
            byte[] body = (path.startsWith("/captcha") ? CAPTCHA : CONTACT).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** {@code 127.0.0.1:port}, what {@code outreach.contact-form.allowed-hosts} must list. */
    public String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://" + hostPort() + path;
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
