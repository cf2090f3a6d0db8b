package dev.outreach.events;

import dev.outreach.channel.UrlGuard;
import dev.outreach.channel.UrlRefusedException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The two URLs an SNS message makes us fetch: its {@code SigningCertURL} and, for a
 * subscription confirmation, its {@code SubscribeURL}. Both must be https on a host
 * {@code sns.<region>.amazonaws.com} (or {@code .amazonaws.com.cn}), on the default port, with
 * no user info; both are then checked by the {@link UrlGuard} (no private or loopback address)
 * and fetched without following redirects, at most 64 KB, within 10 seconds. Certificates are
 * cached by URL (SNS rotates them rarely), at most 50.
 *
 * <p>Tests construct their own instance, with a rule and a client for a local HTTPS server; the
 * application's bean is always the strict one: no setting widens the host rule.
 */
@Component
class SnsEndpoints {

    private static final Pattern SNS_HOST = Pattern.compile("sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?");
    private static final int MAX_BYTES = 64 * 1024;
    private static final int MAX_CACHED = 50;

    /** The production rule: https, an SNS host, the default port, no user info. */
    static final Predicate<URI> SNS_URLS = uri -> "https".equalsIgnoreCase(uri.getScheme()) && uri.getRawUserInfo() == null
            && uri.getHost() != null && SNS_HOST.matcher(uri.getHost().toLowerCase(Locale.ROOT)).matches()
            && (uri.getPort() == -1 || uri.getPort() == 443);

    private final UrlGuard guard;
    private final HttpClient client;
    private final Predicate<URI> allowed;
    private final Map<String, X509Certificate> certificates = new ConcurrentHashMap<>();

    @Autowired
    SnsEndpoints(UrlGuard guard) {
        this(guard, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build(), SNS_URLS);
    }

    SnsEndpoints(UrlGuard guard, HttpClient client, Predicate<URI> allowed) {
        this.guard = guard;
        this.client = client;
        this.allowed = allowed;
    }

    /** The signing certificate at {@code url}; refused (401) when the URL is not an SNS one or the fetch fails. */
    X509Certificate certificate(String url) {
        X509Certificate cached = certificates.get(url);
        if (cached != null) {
            return cached;
        }
        byte[] pem = fetch(url, "SigningCertURL");
        try (InputStream in = new ByteArrayInputStream(pem)) {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            if (certificates.size() >= MAX_CACHED) {
                certificates.clear();
            }
            certificates.put(url, certificate);
            return certificate;
        } catch (CertificateException | IOException | ClassCastException e) {
            throw new EmailWebhook.Rejected(HttpStatus.UNAUTHORIZED, "SigningCertURL does not hold an X.509 certificate");
        }
    }

    /** Confirms a subscription by fetching its {@code SubscribeURL}; refused (401) for a URL that is not an SNS one. */
    void confirm(String subscribeUrl) {
        fetch(subscribeUrl, "SubscribeURL");
    }

    private byte[] fetch(String url, String field) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new EmailWebhook.Rejected(HttpStatus.UNAUTHORIZED, field + " is not a URL");
        }
        if (!allowed.test(uri)) {
            throw new EmailWebhook.Rejected(HttpStatus.UNAUTHORIZED, field + " must be https://sns.<region>.amazonaws.com/...");
        }
        try {
            guard.check(uri);
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                byte[] bytes = body.readNBytes(MAX_BYTES + 1);
                if (response.statusCode() != 200 || bytes.length > MAX_BYTES) {
                    throw new EmailWebhook.Rejected(HttpStatus.BAD_GATEWAY, field + " answered " + response.statusCode()
                            + (bytes.length > MAX_BYTES ? " with more than 64 KB" : ""));
                }
                return bytes;
            }
        } catch (UrlRefusedException e) {
            throw new EmailWebhook.Rejected(HttpStatus.UNAUTHORIZED, field + " refused: " + e.reason());
        } catch (IOException e) {
            throw new EmailWebhook.Rejected(HttpStatus.BAD_GATEWAY, field + " could not be fetched: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmailWebhook.Rejected(HttpStatus.SERVICE_UNAVAILABLE, field + " fetch interrupted");
        }
    }
}
