package dev.outreach.campaign.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.campaign.CampaignDetails;
import dev.outreach.campaign.CampaignDraft;
import dev.outreach.campaign.CampaignEnrollmentPolicies;
import dev.outreach.campaign.CampaignLimits;
import dev.outreach.campaign.CampaignSenders;
import dev.outreach.campaign.CampaignService;
import dev.outreach.campaign.CampaignStatus;
import dev.outreach.campaign.EnrollmentPolicy;
import dev.outreach.security.ApiKeyService;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.json.JsonMapper;

/**
 * /api/v1/campaigns over real HTTP on a random port, with keys made the way admins make them:
 * operator keys get 403 on what only admins may do (archive; changing senders or limits) and
 * nothing changes; a campaign that does not exist is a 404, whatever the action.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CampaignApiIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    ApiKeyService keys;
    @Autowired
    CampaignService campaigns;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    CampaignEnrollmentPolicies policies;

    private final HttpClient http = HttpClient.newHttpClient();
    private String operator;
    private String admin;

    @BeforeEach
    void keys() {
        operator = SystemActor.call(() -> keys.create("campaign operator " + UUID.randomUUID(), Role.OPERATOR)).key();
        admin = SystemActor.call(() -> keys.create("campaign admin " + UUID.randomUUID(), Role.ADMIN)).key();
    }

    @Test
    void operatorKeysGet403OnAdminActionsAndNothingChanges() throws Exception {
        CampaignDetails campaign = draftCampaign();
        String path = "/api/v1/campaigns/" + campaign.id();

        HttpResponse<String> archive = send("POST", path + "/archive", operator, null);
        assertThat(archive.statusCode()).isEqualTo(403);
        assertThat(archive.body()).contains("This API key's role may not do that");
        assertThat(status(campaign.id())).isEqualTo("DRAFT");

        CampaignDraft limited = withLimits(campaign, new CampaignLimits(20, 100));
        assertThat(send("PUT", path, operator, json.writeValueAsString(limited)).statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from campaign where id = :id and touches_per_day is null and new_leads_per_day is null")
                .param("id", campaign.id()).query(Long.class).single()).as("limits unchanged: none").isEqualTo(1);

        CampaignDraft oneDomain = withSenders(campaign, new CampaignSenders(Set.of(senderDomain()), Set.of()));
        assertThat(send("PUT", path, operator, json.writeValueAsString(oneDomain)).statusCode()).isEqualTo(403);
        assertThat(senderRows(campaign.id())).as("senders unchanged: every healthy one").isZero();

        // what an operator may do: the same update without touching senders or limits
        CampaignDraft described = new CampaignDraft(campaign.name(), "Changed by the operator", campaign.touches(),
                campaign.schedule(), campaign.senders(), campaign.limits(), campaign.recontact());
        HttpResponse<String> update = send("PUT", path, operator, json.writeValueAsString(described));
        assertThat(update.statusCode()).as(update.body()).isEqualTo(200);
        assertThat(jdbc.sql("select description from campaign where id = :id").param("id", campaign.id())
                .query(String.class).single()).isEqualTo("Changed by the operator");

        // the same actions with an admin key
        HttpResponse<String> adminLimits = send("PUT", path, admin, json.writeValueAsString(withLimits(
                SystemActor.call(() -> campaigns.find(campaign.id())).orElseThrow(), new CampaignLimits(20, 100))));
        assertThat(adminLimits.statusCode()).as(adminLimits.body()).isEqualTo(200);
        assertThat(jdbc.sql("select touches_per_day from campaign where id = :id").param("id", campaign.id())
                .query(Integer.class).single()).isEqualTo(100);
        HttpResponse<String> adminArchive = send("POST", path + "/archive", admin, null);
        assertThat(adminArchive.statusCode()).as(adminArchive.body()).isEqualTo(200);
        assertThat(status(campaign.id())).isEqualTo("ARCHIVED");
        assertThat(jdbc.sql("select count(*) from audit_log where entity_type = 'campaign' and entity_id = :id and action = 'campaign.archive'")
                .param("id", String.valueOf(campaign.id())).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aCampaignThatDoesNotExistIs404ForEveryAction() throws Exception {
        long missing = 987_654_321L;
        String path = "/api/v1/campaigns/" + missing;

        HttpResponse<String> get = send("GET", path, operator, null);
        assertThat(get.statusCode()).isEqualTo(404);
        assertThat(get.body()).contains("No campaign with id " + missing);
        assertThat(send("POST", path + "/start", operator, null).statusCode()).isEqualTo(404);
        assertThat(send("POST", path + "/pause", operator, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", path + "/start-problems", operator, null).statusCode()).isEqualTo(404);
        assertThat(send("POST", path + "/clone", operator, "{\"name\":\"Copy of nothing\"}").statusCode()).isEqualTo(404);
        assertThat(send("POST", path + "/archive", admin, null).statusCode()).isEqualTo(404);
        CampaignDraft draft = draftCampaign().toDraft();
        assertThat(send("PUT", path, operator, json.writeValueAsString(draft)).statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from campaign where name = 'Copy of nothing'").query(Long.class).single()).isZero();
    }

    @Test
    void aCloneIsADraftWithThePlanScheduleSettingsAndEnrollmentPolicyOfItsSource() throws Exception {
        CampaignDetails source = draftCampaign();
        EnrollmentPolicy policy = new EnrollmentPolicy(true, EnrollmentPolicy.CompanyStop.EMAIL_DOMAIN);
        SystemActor.run(() -> policies.updateEnrollmentPolicy(source.id(), policy));
        String name = "Clone " + UUID.randomUUID();

        HttpResponse<String> clone = send("POST", "/api/v1/campaigns/" + source.id() + "/clone", operator,
                "{\"name\":\"" + name + "\"}");

        assertThat(clone.statusCode()).as(clone.body()).isEqualTo(201);
        long copyId = jdbc.sql("select id from campaign where name = :name").param("name", name).query(Long.class).single();
        CampaignDetails copy = SystemActor.call(() -> campaigns.find(copyId)).orElseThrow();
        assertThat(copy.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(copy.toDraft()).isEqualTo(new CampaignDraft(name, source.description(), source.touches(), source.schedule(),
                source.senders(), source.limits(), source.recontact()));
        assertThat(policies.enrollmentPolicy(copyId)).isEqualTo(policy);
    }

    @Test
    void aCampaignsStatsAreItsFiguresFunnelAndDays() throws Exception {
        long campaign = draftCampaign().id();
        jdbc.sql("""
                insert into enrollment (lead_id, campaign_id, outreach_sequence_step, status, next_touch_due_at, created_at, updated_at)
                select id, :campaign, 0, 'COLD', current_timestamp, current_timestamp, current_timestamp
                from lead where email is not null order by id fetch first 3 rows only
                """).param("campaign", campaign).update();
        long enrolled = 3;

        HttpResponse<String> stats = send("GET", "/api/v1/campaigns/" + campaign + "/stats?days=7", operator, null);

        assertThat(stats.statusCode()).as(stats.body()).isEqualTo(200);
        var body = json.readTree(stats.body());
        assertThat(body.get("figures").get("leads").asLong()).isEqualTo(enrolled);
        assertThat(body.get("overview").get("total").get("enrolled").asLong()).isEqualTo(enrolled);
        assertThat(body.get("daily").size()).as("one entry per day").isEqualTo(7);
        assertThat(send("GET", "/api/v1/campaigns/987654321/stats", operator, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/v1/campaigns/" + campaign + "/stats?days=0", operator, null).body())
                .contains("\"field\":\"days\"");
    }

    @Test
    void theOpenApiDescriptionHasTheCampaignEndpoints() throws Exception {
        HttpResponse<String> description = send("GET", "/api/v1/openapi", null, null);

        assertThat(description.statusCode()).isEqualTo(200);
        assertThat(description.body()).contains("\"/api/v1/campaigns\"", "\"/api/v1/campaigns/{id}\"",
                "\"/api/v1/campaigns/{id}/start\"", "\"/api/v1/campaigns/{id}/pause\"", "\"/api/v1/campaigns/{id}/resume\"",
                "\"/api/v1/campaigns/{id}/archive\"", "\"/api/v1/campaigns/{id}/clone\"",
                "\"/api/v1/campaigns/{id}/stats\"");
    }

    private CampaignDetails draftCampaign() {
        return SystemActor.call(() -> campaigns.create(campaigns.defaultDraft("Api campaign " + UUID.randomUUID(), null, null)));
    }

    private static CampaignDraft withLimits(CampaignDetails campaign, CampaignLimits limits) {
        return new CampaignDraft(campaign.name(), campaign.description(), campaign.touches(), campaign.schedule(),
                campaign.senders(), limits, campaign.recontact());
    }

    private static CampaignDraft withSenders(CampaignDetails campaign, CampaignSenders senders) {
        return new CampaignDraft(campaign.name(), campaign.description(), campaign.touches(), campaign.schedule(), senders,
                campaign.limits(), campaign.recontact());
    }

    private long senderDomain() {
        return jdbc.sql("select min(id) from sending_domain").query(Long.class).single();
    }

    private long senderRows(long campaign) {
        return jdbc.sql("select count(*) from campaign_sender where campaign_id = :id").param("id", campaign)
                .query(Long.class).single();
    }

    private String status(long campaign) {
        return jdbc.sql("select status from campaign where id = :id").param("id", campaign).query(String.class).single();
    }

    private HttpResponse<String> send(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
