package dev.outreach.channel.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.channel.ChannelConfigService;
import dev.outreach.channel.ChannelSettings;
import dev.outreach.security.ApiKeyService;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.ChannelType;
import dev.outreach.support.PreviewSite;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** GET /api/v1/contact-forms/preview over real HTTP, against a real contact page on 127.0.0.1. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ContactFormPreviewApiIntegrationTests {

    private static final PreviewSite site = new PreviewSite();

    @LocalServerPort
    int port;
    @Autowired
    ApiKeyService keys;
    @Autowired
    ChannelConfigService channels;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private ChannelSettings original;

    @DynamicPropertySource
    static void allowTheSite(DynamicPropertyRegistry registry) {
        registry.add("outreach.contact-form.allowed-hosts", site::hostPort);
    }

    @AfterAll
    static void stopSite() {
        site.close();
    }

    @BeforeEach
    void senderIdentity() {
        original = SystemActor.call(() -> channels.get(ChannelType.CONTACT_FORM));
        Map<String, String> settings = new HashMap<>(original.settings());
        settings.put("from_name", "Sam Seller");
        settings.put("from_email", "sam@outreach.example");
        SystemActor.call(() -> channels.update(new ChannelSettings(ChannelType.CONTACT_FORM, original.enabled(),
                original.maxPerHour(), original.maxPerDay(), original.maxPerLead(), original.maxRetries(),
                original.retryBackoffHours(), original.templates(), settings, null, null)));
    }

    @AfterEach
    void restore() {
        SystemActor.call(() -> channels.update(original));
    }

    @Test
    void anOperatorKeyGetsThePagesTheFormAndEveryFieldWithItsRoleAndValue() throws Exception {
        String operator = SystemActor.call(() -> keys.create("preview " + System.nanoTime(), Role.OPERATOR)).key();

        HttpResponse<String> response = preview(site.url("/go-to-contact"), operator);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("url").asString()).isEqualTo(site.url("/go-to-contact"));
        assertThat(body.get("valuesOf").asString()).isEqualTo("a sample lead (Alexandra Vandenberghe)");
        assertThat(texts(body.get("pagesFetched"))).containsExactly(site.url("/go-to-contact"), site.url("/contact"));
        JsonNode analysis = body.get("analysis");
        assertThat(analysis.get("ready").asBoolean()).isTrue();
        assertThat(analysis.get("action").asString()).isEqualTo(site.url("/contact/send"));
        assertThat(analysis.get("method").asString()).isEqualTo("POST");
        assertThat(analysis.get("captcha").isNull()).isTrue();
        Map<String, JsonNode> fields = new HashMap<>();
        analysis.get("fields").forEach(field -> fields.put(field.get("name").asString(), field));
        assertThat(fields.get("your-name").get("role").asString()).isEqualTo("name");
        assertThat(fields.get("your-name").get("label").asString()).isEqualTo("Your <b>name</b>");
        assertThat(fields.get("your-name").get("value").asString()).isEqualTo("Sam Seller");
        assertThat(fields.get("your-email").get("value").asString()).isEqualTo("sam@outreach.example");
        assertThat(fields.get("your-message").get("role").asString()).isEqualTo("message");
        assertThat(fields.get("your-message").get("value").asString())
                .startsWith("Hello Northwind Logistics International team,");
        assertThat(fields.get("website").get("role").asString()).isEqualTo("honeypot");
        assertThat(fields.get("website").get("value").asString()).isEmpty();
        assertThat(fields.get("_token").get("value").asString()).isEqualTo("abc123");
        assertThat(site.requests()).as("nothing was submitted").noneMatch(request -> request.startsWith("POST"));
    }

    @Test
    void aBadOrInternalUrlIsA400NamingTheUrlParameterAndNothingIsFetched() throws Exception {
        String admin = SystemActor.call(() -> keys.create("preview admin " + System.nanoTime(), Role.ADMIN)).key();
        int before = site.requests().size();

        for (String url : List.of("", "ftp://example.com/contact", "http://10.0.0.7/contact",
                "http://169.254.169.254/latest/meta-data/", "http://localhost:" + port + "/actuator")) {
            HttpResponse<String> response = preview(url, admin);
            assertThat(response.statusCode()).as(url).isEqualTo(400);
            assertThat(json.readTree(response.body()).get("errors").get(0).get("field").asString()).as(url)
                    .isEqualTo("url");
        }
        assertThat(get("/api/v1/contact-forms/preview", admin).statusCode()).isEqualTo(400);
        assertThat(site.requests()).hasSize(before);
    }

    @Test
    void withoutAKeyThePreviewIsRefused() throws Exception {
        assertThat(preview(site.url("/contact"), null).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> preview(String url, String key) throws Exception {
        return get("/api/v1/contact-forms/preview?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8), key);
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asString).toList();
    }
}
