package dev.outreach.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.deliverability.EmailEventType;
import dev.outreach.deliverability.ReputationService;
import dev.outreach.security.ApiKeyService;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
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
    @Autowired
    ReputationService reputation;

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
    @Autowired
    dev.outreach.shared.LinkTokens tokens;

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
        String link = "/u/" + tokens.unsubscribe(java.util.UUID.fromString(messageId));
        assertThat(get("/u/" + messageId, null).statusCode()).as("the bare message id is no unsubscribe link").isEqualTo(404);

        HttpResponse<String> page = get(link, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(email).contains("<form method=\"post\">");

        HttpResponse<String> oneClick = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + link))
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
    void emailHealthReturnsGlobalDomainsAndMailboxesAsTheReferenceShowsThem() throws Exception {
        String operator = SystemActor.call(() -> keys.create("dashboard", Role.OPERATOR)).key();
        // domains of their own, with paused mailboxes, so that no other test's sends count here
        String run = Long.toString(System.nanoTime(), 36);
        String busy = "busy-" + run + ".example";
        String quiet = "quiet-" + run + ".example";
        for (String domain : List.of(busy, quiet)) {
            jdbc.sql("insert into sending_domain (domain, status, daily_cap, created_at, updated_at) values (?, 'ACTIVE', 100, now(), now())")
                    .param(domain).update();
            jdbc.sql("""
                    insert into mailbox (address, display_name, domain_id, daily_cap, active, paused_reason, created_at, updated_at)
                    select 'pat@' || domain, 'Pat', id, 50, false, 'test', now(), now() from sending_domain where domain = ?
                    """).param(domain).update();
        }
        for (int i = 0; i < 100; i++) {
            reputation.recordEmailEventScoped(EmailEventType.SENT, null, "pat@" + busy);
        }
        for (int i = 0; i < 6; i++) {
            reputation.recordEmailEventScoped(EmailEventType.BOUNCED, null, "pat@" + busy);
        }
        for (int i = 0; i < 2; i++) {
            reputation.recordEmailEventScoped(EmailEventType.DEFERRED, null, "pat@" + busy);
        }

        HttpResponse<String> health = get("/api/v1/email-health", operator);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body())
                .contains("\"global\":{\"score\":")
                .contains("\"domain\":\"" + busy + "\",\"score\":62,\"status\":\"warning\",\"throttle\":\"reduced\","
                        + "\"metrics\":{\"sent\":100,\"delivered\":0,\"bounced\":6,\"complained\":0,\"opened\":0,\"clicked\":0,\"deferred\":2}")
                .contains("\"from_email\":\"pat@" + busy + "\",\"domain\":\"" + busy + "\",\"score\":62")
                .contains("\"paused_by_health\":false,\"bounce_rate_ci\":{\"lower\":0.0278,\"upper\":0.1248},"
                        + "\"complaint_rate_ci\":{\"lower\":0.0,\"upper\":0.037}")
                .contains("\"domain\":\"" + quiet + "\",\"score\":90,\"status\":\"insufficient_data\",\"throttle\":\"none\"");
        assertThat(get("/api/v1/email-health", null).statusCode()).isEqualTo(401);
    }

    @Test
    void theCommandCenterIsJsonWithTheReferencesRecontactStats() throws Exception {
        String operator = SystemActor.call(() -> keys.create("wallboard", Role.OPERATOR)).key();

        HttpResponse<String> center = get("/api/v1/command-center", operator);

        assertThat(center.statusCode()).isEqualTo(200);
        assertThat(center.body()).contains("\"recontact_stats\":{\"total_eligible\":0,\"total_recycled_30d\":0,"
                + "\"cycle_distribution\":{\"0\":").contains("\"last_7_days\":{").contains("\"domain_health\":[")
                .contains("\"due_today\":").contains("\"next_tick\":{").contains("\"wouldQueue\":");
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
