package dev.outreach.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.security.ApiKeyService;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The REST API over real HTTP on a random port, with keys created the way admins create them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OperatorApiIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    ApiKeyService keys;
    @Autowired
    LeadService leads;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void callsWithoutAValidKeyGet401() throws Exception {
        assertThat(get("/api/v1/channels/EMAIL", null).statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = get("/api/v1/channels/EMAIL", "oe_aaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("A valid API key is required");
    }

    @Test
    void aRevokedKeyStopsWorking() throws Exception {
        ApiKeyService.CreatedKey key = SystemActor.call(() -> keys.create("revoked client", Role.OPERATOR));
        assertThat(get("/api/v1/channels/EMAIL", key.key()).statusCode()).isEqualTo(200);

        SystemActor.run(() -> keys.revoke(key.info().id()));

        assertThat(get("/api/v1/channels/EMAIL", key.key()).statusCode()).isEqualTo(401);
    }

    @Test
    void anOperatorKeyReadsChannelConfigButCannotUpdateIt() throws Exception {
        String operator = SystemActor.call(() -> keys.create("crm sync", Role.OPERATOR)).key();

        HttpResponse<String> read = get("/api/v1/channels/EMAIL", operator);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("\"maxPerHour\":100").contains("\"retryBackoffHours\":[24,48]");

        HttpResponse<String> update = send("PUT", "/api/v1/channels/EMAIL", operator, """
                {"enabled":true,"maxPerHour":5,"maxPerDay":500,"maxPerLead":3,"maxRetries":2,
                 "retryBackoffHours":[24,48],"templates":{},"settings":{}}""");
        assertThat(update.statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/channels/EMAIL", operator).body()).contains("\"maxPerHour\":100");
    }

    @Test
    void anAdminKeyGetsFieldErrorsForABadUpdate() throws Exception {
        String admin = SystemActor.call(() -> keys.create("ops automation", Role.ADMIN)).key();

        HttpResponse<String> update = send("PUT", "/api/v1/channels/EMAIL", admin, """
                {"enabled":true,"maxPerHour":900,"maxPerDay":500,"maxPerLead":3,"maxRetries":2,
                 "retryBackoffHours":[24,48],"templates":{},"settings":{}}""");

        assertThat(update.statusCode()).isEqualTo(400);
        assertThat(update.body()).contains("\"field\":\"maxPerHour\"").contains("cannot exceed per day");
        assertThat(send("PUT", "/api/v1/channels/EMAIL", admin, "{not json").statusCode()).isEqualTo(400);
    }

    @Test
    void sendingOutreachReturnsTheResultAndTheHistoryShowsIt() throws Exception {
        String operator = SystemActor.call(() -> keys.create("sender", Role.OPERATOR)).key();
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("Api");
        draft.setCompany("Api Plumbing " + System.nanoTime());
        draft.setEmail("api-" + System.nanoTime() + "@api-plumbing.com");
        long leadId = SystemActor.call(() -> leads.create(draft));

        HttpResponse<String> sent = send("POST", "/api/v1/outreach/messages", operator,
                "{\"leadId\":" + leadId + ",\"subject\":\"Hello\",\"body\":\"Hi from the API\"}");

        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.body()).contains("\"success\":true").contains("\"channelUsed\":\"EMAIL\"");
        HttpResponse<String> history = get("/api/v1/leads/" + leadId + "/outreach-history?limit=5", operator);
        assertThat(history.body()).contains("\"subject\":\"Hello\"").contains("\"status\":\"SENT\"");
        HttpResponse<String> metrics = get("/api/v1/metrics/channels?days=7", operator);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("\"fallbackRate\"").contains("\"channelDistribution\"");
        HttpResponse<String> bad = send("POST", "/api/v1/outreach/messages", operator,
                "{\"leadId\":" + leadId + ",\"subject\":\"\",\"body\":\"x\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"subject\"");
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void theOneClickUnsubscribeLinkWorksWithoutLoginAndStopsAllOutreach() throws Exception {
        String operator = SystemActor.call(() -> keys.create("unsubscribe test", Role.OPERATOR)).key();
        String email = "unsub-" + System.nanoTime() + "@unsub-roofing.com";
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("Una");
        draft.setCompany("Unsub Roofing");
        draft.setEmail(email);
        long leadId = SystemActor.call(() -> leads.create(draft));
        String sent = send("POST", "/api/v1/outreach/messages", operator,
                "{\"leadId\":" + leadId + ",\"subject\":\"Hello\",\"body\":\"Hi\"}").body();
        String messageId = sent.replaceAll(".*\"messageId\":\"([0-9a-f-]+)\".*", "$1");

        HttpResponse<String> page = get("/u/" + messageId, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(email).contains("<form method=\"post\">");

        HttpResponse<String> oneClick = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/u/" + messageId))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select reason from suppression where entry = :e").param("e", email).query(String.class).single())
                .isEqualTo("unsubscribed");
        assertThat(SystemActor.call(() -> leads.find(leadId)).orElseThrow().fields().getStatus().name())
                .isEqualTo("UNSUBSCRIBED");

        String again = send("POST", "/api/v1/outreach/messages", operator,
                "{\"leadId\":" + leadId + ",\"subject\":\"Again\",\"body\":\"Hi\"}").body();
        assertThat(again).contains("\"success\":false").contains("\"status\":\"SKIPPED\"").contains("The lead unsubscribed");
        assertThat(get("/u/" + java.util.UUID.randomUUID(), null).statusCode()).isEqualTo(404);
        assertThat(get("/u/not-a-uuid", null).statusCode()).isEqualTo(404);
    }

    @Test
    void theOpenApiDescriptionIsPublic() throws Exception {
        HttpResponse<String> description = get("/api/v1/openapi", null);

        assertThat(description.statusCode()).isEqualTo(200);
        assertThat(description.body()).contains("\"title\":\"Outreach Engine API\"").contains("/api/v1/outreach/messages");
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        return send("GET", path, key, null);
    }

    private HttpResponse<String> send(String method, String path, String key, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
