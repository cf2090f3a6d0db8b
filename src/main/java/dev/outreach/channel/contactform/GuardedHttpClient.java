package dev.outreach.channel.contactform;

import dev.outreach.channel.UrlGuard;
import dev.outreach.channel.UrlRefusedException;
import dev.outreach.channel.contactform.CappedBodySubscriber.BodyTooLargeException;
import dev.outreach.channel.contactform.FormEncoder.EncodedForm;
import java.io.IOException;
import java.net.ConnectException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP for the contact-form channel, with every URL checked by the {@link UrlGuard} first.
 * Redirects are never followed by the JDK client: we follow at most {@code max-redirects} of
 * them ourselves, checking each Location with the guard before connecting to it. Bodies are
 * capped at {@code max-body-bytes}, and a whole request (body included) gets
 * {@code read-timeout}.
 *
 * <p>DNS rebinding: the JDK client resolves the host again when it connects, and it offers no
 * way to hand it the address the guard checked while keeping the Host header, SNI and
 * certificate check on the name. The guard checks every address the name resolves to, through
 * the JVM's own resolver cache ({@code networkaddress.cache.ttl}, 30 s by default), which the
 * client's lookup milliseconds later hits too. The residual window is a cache expiry between
 * the two lookups, or a JVM configured not to cache; closing it would mean writing our own
 * HTTP/TLS client, which is a worse risk than this.
 */
final class GuardedHttpClient {

    private static final Logger log = LoggerFactory.getLogger(GuardedHttpClient.class);
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final String ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8";

    /** One request of a redirect chain. */
    private record Hop(URI uri, String method, String contentType, byte[] body) {

        /** 307 and 308 repeat the request; the others turn it into a GET, as browsers do. */
        Hop redirectedTo(URI location, int status) {
            return status == 307 || status == 308 ? new Hop(location, method, contentType, body)
                    : new Hop(location, "GET", "", new byte[0]);
        }
    }

    private final UrlGuard guard;
    private final ContactFormProperties properties;
    private final HttpClient client;

    GuardedHttpClient(UrlGuard guard, ContactFormProperties properties) {
        this(guard, properties, null);
    }

    /** With the TLS context given instead of the JVM's default: tests trust their own site's certificate. */
    GuardedHttpClient(UrlGuard guard, ContactFormProperties properties, SSLContext tls) {
        this.guard = guard;
        this.properties = properties;
        HttpClient.Builder builder = HttpClient.newBuilder();
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.client = builder
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Fetches a page, following guarded redirects; cookies it sets go into {@code cookies}. */
    HttpPage get(URI uri, CookieManager cookies) throws UrlRefusedException, FetchFailedException {
        return exchange(new Hop(uri, "GET", "", new byte[0]), null, cookies);
    }

    /** Submits an encoded form from the page at {@code referer}, following guarded redirects. */
    HttpPage submit(EncodedForm form, URI referer, CookieManager cookies)
            throws UrlRefusedException, FetchFailedException {
        return exchange(new Hop(form.uri(), form.method(), form.contentType(), form.body()), referer, cookies);
    }

    private HttpPage exchange(Hop first, URI referer, CookieManager cookies)
            throws UrlRefusedException, FetchFailedException {
        Hop hop = first;
        boolean posted = false;
        for (int redirects = 0; ; redirects++) {
            check(hop.uri());
            HttpResponse<byte[]> response;
            try {
                response = send(hop, referer, cookies);
            } catch (FetchFailedException e) {
                if (posted) {
                    // The site answered the POST with a redirect: it has the form. Never post it twice.
                    throw new FetchFailedException(e.getMessage() + "; the form was already accepted, so it is not retried",
                            false, e);
                }
                throw e;
            }
            posted = posted || hop.method().equals("POST");
            int status = response.statusCode();
            log.debug("{} {} answered {}", hop.method(), hop.uri().getHost(), status);
            if (!REDIRECTS.contains(status)) {
                return new HttpPage(hop.uri(), status,
                        response.headers().firstValue("Content-Type").orElse(""), response.body());
            }
            if (redirects == properties.maxRedirects()) {
                throw new FetchFailedException("too many redirects (more than " + properties.maxRedirects() + ")",
                        false);
            }
            hop = hop.redirectedTo(location(response, hop.uri()), status);
        }
    }

    private void check(URI uri) throws UrlRefusedException, FetchFailedException {
        try {
            guard.check(uri);
        } catch (UnknownHostException e) {
            throw new FetchFailedException("host " + uri.getHost() + " does not resolve", true, e);
        }
    }

    private HttpResponse<byte[]> send(Hop hop, URI referer, CookieManager cookies) throws FetchFailedException {
        HttpRequest request = request(hop, referer, cookies);
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, this::capped);
        try {
            HttpResponse<byte[]> response = future.get(properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
            cookies.put(hop.uri(), response.headers().map());
            return response;
        } catch (TimeoutException e) {
            future.cancel(true);
            throw failure(hop, new HttpTimeoutException("timed out"));
        } catch (ExecutionException e) {
            throw failure(hop, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchFailedException("interrupted", true, e);
        } catch (IOException e) {
            throw failure(hop, e); // from the cookie store
        }
    }

    private HttpRequest request(Hop hop, URI referer, CookieManager cookies) throws FetchFailedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(hop.uri())
                .timeout(properties.readTimeout())
                .header("User-Agent", properties.userAgentHeader())
                .header("Accept", ACCEPT)
                .header("Accept-Language", "en");
        try {
            cookies.get(hop.uri(), Map.of()).forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
        } catch (IOException e) {
            throw new FetchFailedException("cookie store failed: " + e.getMessage(), true, e);
        }
        if (referer != null) {
            builder.header("Referer", referer.toString());
        }
        if (hop.method().equals("POST")) {
            builder.POST(HttpRequest.BodyPublishers.ofByteArray(hop.body())).header("Content-Type", hop.contentType());
            if (referer != null) {
                builder.header("Origin", referer.getScheme() + "://" + referer.getRawAuthority());
            }
        }
        return builder.build();
    }

    private HttpResponse.BodySubscriber<byte[]> capped(HttpResponse.ResponseInfo info) {
        if (REDIRECTS.contains(info.statusCode())) {
            return BodySubscribers.replacing(new byte[0]);
        }
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        return new CappedBodySubscriber(properties.maxBodyBytes(), declared);
    }

    /**
     * A failed exchange. Not being able to connect is always worth a retry; losing a POST after
     * it was sent is not, since the site may have received it and a second message is worse
     * than none.
     */
    private FetchFailedException failure(Hop hop, Throwable error) {
        String host = hop.uri().getHost();
        if (causedBy(error, BodyTooLargeException.class)) {
            return new FetchFailedException("page larger than " + size(properties.maxBodyBytes()), false, error);
        }
        if (causedBy(error, HttpConnectTimeoutException.class) || causedBy(error, ConnectException.class)) {
            return new FetchFailedException("could not connect to " + host, true, error);
        }
        String what = causedBy(error, HttpTimeoutException.class)
                ? "no response from " + host + " within " + properties.readTimeout().toSeconds() + " s"
                : "connection to " + host + " failed: " + error;
        if (hop.method().equals("POST")) {
            return new FetchFailedException(what + "; the form may have been received, so it is not retried", false,
                    error);
        }
        return new FetchFailedException(what, true, error);
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static URI location(HttpResponse<?> response, URI base) throws FetchFailedException {
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new FetchFailedException("redirect " + response.statusCode() + " without Location",
                        false));
        try {
            URI resolved = (base.getRawPath() == null || base.getRawPath().isEmpty() ? base.resolve("/") : base)
                    .resolve(new URI(location.strip()));
            return resolved.getRawFragment() == null ? resolved
                    : new URI(resolved.toString().substring(0, resolved.toString().indexOf('#')));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new FetchFailedException("redirect to an invalid URL", false, e);
        }
    }

    private static String size(long bytes) {
        long mb = 1024 * 1024;
        return bytes % mb == 0 ? bytes / mb + " MB" : bytes + " bytes";
    }
}
