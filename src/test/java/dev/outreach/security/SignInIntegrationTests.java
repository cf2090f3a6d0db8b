package dev.outreach.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Signing in over real HTTP, as a browser does it: the login page, its form post with and without
 * the page's CSRF token, failed attempts from two addresses (told to the app by a proxy on
 * loopback, as {@code X-Forwarded-For}), and the headers and session cookie every answer carries.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "outreach.dispatch.enabled=false", "outreach.imap.enabled=false", "outreach.simulator.enabled=false",
    // as behind a reverse proxy on loopback, which tells the app each visitor's address
    "server.forward-headers-strategy=native"})
@ActiveProfiles("test")
class SignInIntegrationTests {

    private static final String PASSWORD = "the-real-password-1";

    @LocalServerPort
    int port;
    @Autowired
    UserService users;

    private final String token = Long.toString(System.nanoTime(), 36);

    @Test
    void theLoginFormIsRefusedWithoutTheTokenOfItsPage() throws Exception {
        String username = newOperator("csrf");
        Visitor visitor = new Visitor("192.0.2.10");
        String csrf = visitor.openLoginPage();

        HttpResponse<String> withoutToken = visitor.postLogin(username, PASSWORD, null, null);
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(withoutToken.body()).contains("This sign-in form is out of date or was not sent from this site");
        assertThat(new Visitor("192.0.2.10").postLogin(username, PASSWORD, null, "https://evil.example").statusCode())
                .as("a browser that never opened the login page").isEqualTo(403);
        assertThat(visitor.postLogin(username, PASSWORD, null, "https://evil.example").statusCode()).isEqualTo(403);
        assertThat(visitor.postLogin(username, PASSWORD, "forged-" + csrf, "https://evil.example").statusCode())
                .isEqualTo(403);
        assertThat(visitor.isSignedIn()).isFalse();

        HttpResponse<String> sameSite = visitor.postLogin(username, PASSWORD, csrf, null);
        assertThat(sameSite.statusCode()).isEqualTo(302);
        assertThat(location(sameSite)).doesNotContain("/login");
        assertThat(visitor.isSignedIn()).isTrue();
    }

    @Test
    void failedSignInsFromOneAddressMakeItWaitWhileTheRealUserElsewhereSignsIn() throws Exception {
        String username = newOperator("throttled");
        Visitor stranger = new Visitor("203.0.113.7");
        String csrf = stranger.openLoginPage();
        for (int attempt = 1; attempt <= 4; attempt++) {
            assertThat(location(stranger.postLogin(username, "guess-" + attempt, csrf, null))).endsWith("/login?error");
        }
        assertThat(location(stranger.postLogin(username, "guess-5", csrf, null))).endsWith("/login?throttled=1");

        // the right password changes nothing while the address waits: it is not even checked
        assertThat(location(stranger.postLogin(username, PASSWORD, csrf, null))).endsWith("/login?throttled=1");
        assertThat(stranger.isSignedIn()).isFalse();

        Visitor realUser = new Visitor("198.51.100.23");
        HttpResponse<String> signedIn = realUser.postLogin(username, PASSWORD, realUser.openLoginPage(), null);
        assertThat(location(signedIn)).doesNotContain("/login");
        assertThat(realUser.isSignedIn()).isTrue();
    }

    @Test
    void aBurstOfParallelGuessesGetsNoMoreTriesThanOneAfterAnother() throws Exception {
        String username = newOperator("burst");
        Visitor attacker = new Visitor("203.0.113.99");
        String csrf = attacker.openLoginPage();
        var guesses = new java.util.ArrayList<java.util.concurrent.Callable<String>>();
        for (int attempt = 1; attempt <= 12; attempt++) {
            String guess = "burst-" + attempt;
            guesses.add(() -> location(attacker.postLogin(username, guess, csrf, null)));
        }

        List<String> outcomes = new java.util.ArrayList<>();
        try (var parallel = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (var outcome : parallel.invokeAll(guesses)) {
                outcomes.add(outcome.get());
            }
        }

        // five failures for one account from one address make it wait; the others were never checked
        assertThat(outcomes.stream().filter(l -> l.endsWith("/login?error")).count()).isEqualTo(4);
        assertThat(outcomes.stream().filter(l -> l.endsWith("/login?throttled=1")).count()).isEqualTo(8);
    }

    @Test
    void aSuccessfulSignInForgivesTheFailuresBeforeIt() throws Exception {
        String username = newOperator("forgiven");
        Visitor user = new Visitor("198.51.100.77");
        String csrf = user.openLoginPage();
        for (int attempt = 1; attempt <= 4; attempt++) {
            user.postLogin(username, "typo-" + attempt, csrf, null);
        }
        assertThat(location(user.postLogin(username, PASSWORD, csrf, null))).doesNotContain("/login");

        Visitor sameAddressLater = new Visitor("198.51.100.77");
        String again = sameAddressLater.openLoginPage();
        for (int attempt = 1; attempt <= 4; attempt++) {
            assertThat(location(sameAddressLater.postLogin(username, "typo-" + attempt, again, null)))
                    .endsWith("/login?error");
        }
    }

    @Test
    void consolePagesCarryAPolicyVaadinWorksWith() throws Exception {
        HttpResponse<String> login = new Visitor("192.0.2.11").get("/login", Map.of());

        assertThat(login.statusCode()).isEqualTo(200);
        String policy = login.headers().firstValue("Content-Security-Policy")
                .orElseThrow(() -> new AssertionError("no policy in " + login.headers().map()));
        assertThat(policy).contains("default-src 'self'", "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
                "style-src 'self' 'unsafe-inline'", "object-src 'none'", "base-uri 'self'", "form-action 'self'",
                "frame-ancestors 'self'");
        assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
    }

    @Test
    void theApiAndTheLinksInEmailsGetAPolicyThatAllowsNothingElse() throws Exception {
        Visitor client = new Visitor("192.0.2.12");
        HttpResponse<String> openApi = client.get("/api/v1/openapi", Map.of());
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(openApi.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'", "frame-ancestors 'none'");
        assertThat(openApi.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");

        HttpResponse<String> unsubscribe = client.get("/u/not-a-valid-token", Map.of());
        assertThat(unsubscribe.statusCode()).isEqualTo(404);
        assertThat(unsubscribe.body()).contains("This unsubscribe link is not valid");
        assertThat(unsubscribe.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'", "form-action 'self'");
        assertThat(unsubscribe.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(unsubscribe.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void theSessionCookieIsLaxHttpOnlyAndSecureWhenServedOverHttps() throws Exception {
        String plain = sessionCookie(new Visitor("192.0.2.13").get("/login", Map.of()));
        assertThat(plain).contains("HttpOnly", "SameSite=Lax").doesNotContain("Secure");

        String overHttps = sessionCookie(new Visitor("192.0.2.14").get("/login", Map.of("X-Forwarded-Proto", "https")));
        assertThat(overHttps).contains("HttpOnly", "SameSite=Lax", "Secure");
    }

    private String newOperator(String name) {
        String username = name + "-" + token;
        SystemActor.run(() -> users.create(username, PASSWORD, Role.OPERATOR));
        return username;
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(cookie -> cookie.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie in " + response.headers().map()));
    }

    private static String location(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("status of a form post").isEqualTo(302);
        return response.headers().firstValue("Location").orElseThrow();
    }

    /** One browser: its own cookies, behind a proxy that names its address. */
    private final class Visitor {

        private final String address;
        private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).build();

        Visitor(String address) {
            this.address = address;
        }

        /** Opens the login page and returns the CSRF token its form posts with. */
        String openLoginPage() throws Exception {
            HttpResponse<String> page = get("/login", Map.of());
            assertThat(page.statusCode()).isEqualTo(200);
            Document html = Jsoup.parse(page.body());
            assertThat(html.select("meta[name=_csrf_parameter]").attr("content")).as(() -> "the login page's head: " + html.head())
                    .isEqualTo("_csrf");
            return html.select("meta[name=_csrf]").attr("content");
        }

        HttpResponse<String> postLogin(String username, String password, String csrf, String origin) throws Exception {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("username", username);
            form.put("password", password);
            if (csrf != null) {
                form.put("_csrf", csrf);
            }
            String body = form.entrySet().stream().map(field -> field.getKey() + "="
                    + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            HttpRequest.Builder request = HttpRequest.newBuilder(url("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-For", address)
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (origin != null) {
                request.header("Origin", origin);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        /** Whether the console opens for this browser (an anonymous one is sent to the login page). */
        boolean isSignedIn() throws Exception {
            HttpResponse<String> console = get("/", Map.of());
            return console.statusCode() == 200;
        }

        HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).header("X-Forwarded-For", address).GET();
            headers.forEach(request::header);
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        private URI url(String path) {
            return URI.create("http://localhost:" + port + path);
        }
    }
}
