package dev.outreach.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.campaign.CampaignService;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.security.ApiKeyService;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** A campaign's enrollments over real HTTP with an operator key: add by ids and by filter, list, remove. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class EnrollmentApiIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    ApiKeyService keys;
    @Autowired
    LeadService leads;
    @Autowired
    CampaignService campaigns;
    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String token = "api" + Long.toString(System.nanoTime(), 36);

    @Test
    void anOperatorAddsListsAndRemovesACampaignsLeads() throws Exception {
        String key = SystemActor.call(() -> keys.create("crm " + token, Role.OPERATOR)).key();
        long campaign = SystemActor.call(() -> campaigns.create("Api " + token, null, "America/Chicago")).id();
        long ann = lead("ann");
        long bob = lead("bob");
        String base = "/api/v1/campaigns/" + campaign + "/enrollments";

        HttpResponse<String> added = send("POST", base, key, "{\"leadIds\":[" + ann + "," + bob + ",999999999]}");
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(added.body()).contains("\"added\":2").contains("\"alreadyIn\":0").contains("\"skippedUnreachable\":1");

        HttpResponse<String> page = send("GET", base + "?status=cold&size=1", key, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("\"leadId\":" + ann).contains("\"status\":\"COLD\"")
                .contains("\"nextCursor\":\"" + ann + "\"");
        assertThat(send("GET", base + "?cursor=" + ann + "&size=1", key, null).body())
                .contains("\"leadId\":" + bob).contains("\"nextCursor\":null");

        HttpResponse<String> removed = send("DELETE", base, key, "{\"leadIds\":[" + bob + "]}");
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(removed.body()).isEqualTo("{\"removed\":1}");
        assertThat(jdbc.sql("select lead_id from enrollment where campaign_id = :c").param("c", campaign)
                .query(Long.class).list()).containsExactly(ann);
    }

    @Test
    void addingByFilterAnswers202AndTheJobReportsItsCounts() throws Exception {
        String key = SystemActor.call(() -> keys.create("bulk " + token, Role.OPERATOR)).key();
        long campaign = SystemActor.call(() -> campaigns.create("Filter " + token, null, "America/Chicago")).id();
        for (String name : new String[] {"cy", "dee", "eve"}) {
            lead(name);
        }

        HttpResponse<String> started = send("POST", "/api/v1/campaigns/" + campaign + "/enrollments", key,
                "{\"filter\":{\"text\":\"" + token + "\"}}");

        assertThat(started.statusCode()).isEqualTo(202);
        Matcher job = Pattern.compile("\"jobId\":\"([0-9a-f-]{36})\"").matcher(started.body());
        assertThat(job.find()).as(started.body()).isTrue();
        assertThat(started.headers().firstValue("Location")).hasValue("/api/v1/enrollment-jobs/" + job.group(1));
        String progress = "";
        for (int i = 0; i < 200 && !progress.contains("\"finished\":true"); i++) {
            Thread.sleep(50);
            progress = send("GET", "/api/v1/enrollment-jobs/" + job.group(1), key, null).body();
        }
        assertThat(progress).contains("\"finished\":true").contains("\"total\":3").contains("\"done\":3")
                .contains("\"added\":3").contains("\"error\":null");
    }

    @Test
    void badRequestsGetTheErrorShapeAndNothingChanges() throws Exception {
        String key = SystemActor.call(() -> keys.create("bad " + token, Role.OPERATOR)).key();
        long campaign = SystemActor.call(() -> campaigns.create("Bad " + token, null, "America/Chicago")).id();
        long ann = lead("ann");
        String base = "/api/v1/campaigns/" + campaign + "/enrollments";

        HttpResponse<String> both = send("POST", base, key, "{\"leadIds\":[" + ann + "],\"filter\":{\"text\":\"x\"}}");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).contains("\"field\":\"filter\"");
        HttpResponse<String> noCampaign = send("POST", "/api/v1/campaigns/987654321/enrollments", key,
                "{\"leadIds\":[" + ann + "]}");
        assertThat(noCampaign.statusCode()).isEqualTo(400);
        assertThat(noCampaign.body()).contains("\"field\":\"campaignId\"");
        assertThat(send("GET", base + "?status=LOST", key, null).body()).contains("\"field\":\"status\"");
        assertThat(send("GET", "/api/v1/enrollment-jobs/00000000-0000-0000-0000-000000000000", key, null).statusCode())
                .isEqualTo(404);
        assertThat(send("GET", base, null, null).statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from enrollment where lead_id = :l").param("l", ann).query(Integer.class)
                .single()).isZero();
        assertThat(send("GET", "/api/v1/openapi", key, null).body())
                .contains("/api/v1/campaigns/{campaignId}/enrollments").contains("/api/v1/enrollment-jobs/{jobId}");
    }

    private long lead(String name) {
        LeadDraft draft = new LeadDraft();
        draft.setFirstName(name);
        draft.setLastName(token);
        draft.setEmail(name + "." + token + "@example.com");
        return SystemActor.call(() -> leads.create(draft));
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
