package dev.outreach.lead.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.lead.LeadFilter;
import dev.outreach.lead.LeadRow;
import dev.outreach.lead.LeadService;
import dev.outreach.lead.LeadSort;
import dev.outreach.lead.LeadStatus;
import dev.outreach.security.ApiKeyService;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import dev.outreach.support.PostgresIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The leads API over real HTTP on a random port, on PostgreSQL, with an operator's and an admin's
 * API key: search pages equal the grid, bulk upsert by email with per-row errors, Idempotency-Key
 * replays that change nothing, delete for admins only, and 400s naming the field.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"outreach.demo-data=false", "outreach.dispatch.enabled=false"})
class LeadApiIntegrationTests extends PostgresIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    ApiKeyService keys;
    @Autowired
    LeadService leads;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String token = Long.toString(System.nanoTime(), 36);
    private String operator;
    private String admin;

    @BeforeEach
    void keys() {
        operator = SystemActor.call(() -> keys.create("crm " + token, Role.OPERATOR)).key();
        admin = SystemActor.call(() -> keys.create("ops " + token, Role.ADMIN)).key();
    }

    @Test
    void searchWithFiltersPagedByCursorEqualsTheGridsResultSet() throws Exception {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String status = i % 3 == 0 ? "REPLIED" : "NEW";
            String title = i % 2 == 0 ? "Owner" : "Intern";
            rows.add(row("s" + i, "\"status\":\"" + status + "\",\"title\":\"" + title + "\",\"industry\":\"Roofing\""));
        }
        assertThat(bulk(operator, null, rows).statusCode()).isEqualTo(200);
        LeadFilter filter = LeadFilter.all().withText(token).withStatus(LeadStatus.REPLIED);
        List<Long> grid = SystemActor.call(() -> leads.page(filter, LeadSort.CREATED, true, 0, 1000)).stream()
                .map(LeadRow::id).toList();

        List<Long> paged = new ArrayList<>();
        String path = "/api/v1/leads?text=" + token + "&status=REPLIED&size=6";
        int pages = 0;
        while (path != null) {
            HttpResponse<String> page = get(path, operator);
            assertThat(page.statusCode()).isEqualTo(200);
            JsonNode body = json.readTree(page.body());
            body.get("leads").forEach(lead -> paged.add(lead.get("id").asLong()));
            path = body.get("nextUrl").isNull() ? null : body.get("nextUrl").asString();
            if (path != null) {
                assertThat(page.headers().firstValue("Link").orElseThrow()).contains("rel=\"next\"");
                assertThat(body.get("next").asString()).isNotBlank();
            }
            pages++;
            if (pages == 2) { // a lead matching the filter, created while the client pages: not repeated, nothing skipped
                assertThat(bulk(operator, null, List.of(row("late", "\"status\":\"REPLIED\""))).statusCode()).isEqualTo(200);
            }
        }

        assertThat(grid).hasSize(20);
        assertThat(paged).isEqualTo(grid);
        assertThat(pages).isEqualTo(4);
        List<Long> graded = ids("/api/v1/leads?text=" + token + "&grade=D&size=500");
        assertThat(graded).isEqualTo(SystemActor.call(() -> leads.page(filter.withStatus(null).withGrade(dev.outreach.lead.Grade.D),
                LeadSort.CREATED, true, 0, 1000)).stream().map(LeadRow::id).toList());
        assertError(get("/api/v1/leads?size=501", operator), 400, "size");
        assertError(get("/api/v1/leads?cursor=bm9wZQ", operator), 400, "cursor");
        assertError(get("/api/v1/leads?status=SLEEPING", operator), 400, "status");
    }

    @Test
    void bulkUpsertOfAThousandCreatesAndUpdatesByEmailAndReportsBadRowsByLineAndField() throws Exception {
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            first.add(row("u" + i, "\"title\":\"Estimator\",\"city\":\"Tulsa\""));
        }
        assertThat(json.readTree(bulk(operator, null, first).body()).get("created").asInt()).isEqualTo(300);

        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) { // the same people, email in another case: updated, city kept
            rows.add("{\"email\":\"U" + i + "@" + token + ".example.com\",\"title\":\"Owner\"}");
        }
        for (int i = 0; i < 690; i++) {
            rows.add(row("c" + i, "\"title\":\"Owner\""));
        }
        rows.add(row("bad0", "\"timeZone\":\"Mars/Olympus\""));               // line 991
        rows.add("{\"firstName\":\"No Email\",\"company\":\"X " + token + "\"}"); // line 992
        rows.add(row("c5", ""));                                                  // line 993: line 306 has it
        rows.add("{\"email\":\"<script>alert(1)</script>\",\"company\":\"Y\"}"); // line 994
        for (int i = 0; i < 6; i++) {
            rows.add(row("bad" + (i + 1), "\"website\":\"javascript:alert(1)\""));
        }
        assertThat(rows).hasSize(1_000);

        HttpResponse<String> response = bulk(operator, null, rows);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = json.readTree(response.body());
        assertThat(report.get("created").asInt()).isEqualTo(690);
        assertThat(report.get("updated").asInt()).isEqualTo(300);
        assertThat(report.get("rejected").asInt()).isEqualTo(10);
        assertRowError(report, 991, "timeZone", "is not an IANA time zone");
        assertRowError(report, 992, "email", "matches leads by email");
        assertRowError(report, 993, "email", "Line 306 has the same email");
        assertRowError(report, 994, "email", "is not a valid email address");
        assertRowError(report, 1000, "website", "is not an http(s) URL");
        assertThat(report.get("rows").get(0).get("outcome").asString()).isEqualTo("UPDATED");
        assertThat(report.get("rows").get(300).get("outcome").asString()).isEqualTo("CREATED");
        assertThat(count("email_normalized like '%@" + token + ".example.com'")).isEqualTo(990);
        assertThat(count("email_normalized like '%@" + token + ".example.com' and title = 'Owner'")).isEqualTo(990);
        assertThat(count("email_normalized like 'u%@" + token + ".example.com' and city = 'Tulsa'")).isEqualTo(300);
        assertThat(count("email_normalized like 'bad%'") + count("email like '%script%'")).isZero();
        assertThat(report.get("rows").get(300).get("id").asLong()).isEqualTo(jdbc.sql(
                "select id from lead where email_normalized = :e").param("e", "c0@" + token + ".example.com").query(Long.class).single());

        rows.add(row("extra", ""));
        HttpResponse<String> tooMany = bulk(operator, null, rows);
        assertError(tooMany, 400, "leads");
        assertThat(tooMany.body()).contains("At most 1,000 leads per call; this one has 1,001");
        assertThat(count("email_normalized = 'extra@" + token + ".example.com'")).isZero();
    }

    @Test
    void aReplayWithTheSameIdempotencyKeyReturnsTheFirstAnswerAndChangesNothing() throws Exception {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add(row("i" + i, "\"title\":\"Owner\""));
        }
        rows.add(row("i3", "")); // a bad row: the answer carries its error
        String key = "import-" + token;
        HttpResponse<String> first = bulk(operator, key, rows);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).hasValue("false");
        List<Map<String, Object>> before = snapshot();
        int audits = audits();
        assertThat(before).hasSize(50);

        HttpResponse<String> replay = bulk(operator, key, rows);

        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(json.readTree(replay.body())).isEqualTo(json.readTree(first.body()));
        assertThat(json.readTree(replay.body()).get("created").asInt()).isEqualTo(50);
        assertThat(snapshot()).isEqualTo(before);
        assertThat(audits()).isEqualTo(audits);

        rows.set(0, row("i0", "\"title\":\"CEO\""));
        HttpResponse<String> otherBody = bulk(operator, key, rows);
        assertThat(otherBody.statusCode()).isEqualTo(422);
        assertThat(otherBody.body()).contains("already used for a different request").contains("\"field\":\"Idempotency-Key\"");
        assertThat(snapshot()).isEqualTo(before);

        // the same body under another key runs again: this test would see a replay that ran
        HttpResponse<String> newKey = bulk(operator, key + "-2", rows);
        assertThat(json.readTree(newKey.body()).get("updated").asInt()).isEqualTo(50);
        assertThat(snapshot()).isNotEqualTo(before);
        assertThat(audits()).isEqualTo(audits + 1);
    }

    @Test
    void concurrentRequestsWithOneKeyRunOnce() throws Exception {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rows.add(row("k" + i, ""));
        }
        String key = "burst-" + token;
        int audits = audits();
        List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(() -> bulk(operator, key, rows));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<String> bodies = new ArrayList<>();
        try {
            for (Future<HttpResponse<String>> call : pool.invokeAll(calls)) {
                assertThat(call.get().statusCode()).isEqualTo(200);
                bodies.add(call.get().body());
            }
        } finally {
            pool.shutdown();
        }
        assertThat(bodies).allSatisfy(body -> assertThat(json.readTree(body)).isEqualTo(json.readTree(bodies.getFirst())));
        assertThat(json.readTree(bodies.getFirst()).get("created").asInt()).isEqualTo(200);
        assertThat(audits()).isEqualTo(audits + 1);
        assertThat(count("email_normalized like 'k%@" + token + ".example.com'")).isEqualTo(200);
    }

    @Test
    void operatorKeysMayNotDeleteAdminKeysMay() throws Exception {
        long id = createdId(send("POST", "/api/v1/leads", operator, row("del", "")));

        HttpResponse<String> refused = send("DELETE", "/api/v1/leads/" + id, operator, null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("This API key's role may not do that");
        assertThat(count("id = " + id)).isOne();

        assertThat(send("DELETE", "/api/v1/leads/" + id, admin, null).statusCode()).isEqualTo(204);
        assertThat(count("id = " + id)).isZero();
        assertError(send("DELETE", "/api/v1/leads/" + id, admin, null), 404, null);
        assertError(get("/api/v1/leads/" + id, operator), 404, null);
    }

    @Test
    void createReadAndPatchALeadWhoseDataIsReturnedAsDataNotMarkup() throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/leads", operator,
                row("ann", "\"lastName\":\"<b>Lee</b>\",\"title\":\"Owner\",\"city\":\"Tulsa\""));
        assertThat(created.statusCode()).isEqualTo(201);
        long id = createdId(created);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/leads/" + id);

        HttpResponse<String> patched = send("PATCH", "/api/v1/leads/" + id, operator,
                "{\"title\":\"CEO\",\"city\":null}");

        assertThat(patched.statusCode()).isEqualTo(200);
        JsonNode lead = json.readTree(get("/api/v1/leads/" + id, operator).body());
        assertThat(lead.get("title").asString()).isEqualTo("CEO");
        assertThat(lead.get("city").isNull()).isTrue();
        assertThat(lead.get("company").asString()).isEqualTo("Api " + token);
        assertThat(lead.get("lastName").asString()).isEqualTo("<b>Lee</b>");
        assertThat(lead.get("grade").asString()).isNotBlank();
        HttpResponse<String> read = get("/api/v1/leads/" + id, operator);
        assertThat(read.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(read.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(jdbc.sql("select title from lead where id = ?").param(id).query(String.class).single()).isEqualTo("CEO");
    }

    @Test
    void badJsonAndBadFieldsGet400NamingTheFieldAndChangeNothing() throws Exception {
        long id = createdId(send("POST", "/api/v1/leads", operator, row("bea", "\"timeZone\":\"America/Chicago\"")));
        String updatedAt = jdbc.sql("select updated_at::text from lead where id = ?").param(id).query(String.class).single();

        assertError(send("PATCH", "/api/v1/leads/" + id, operator, "{\"timeZone\":\"Mars/Olympus\"}"), 400, "timeZone");
        assertError(send("PATCH", "/api/v1/leads/" + id, operator, "{\"emial\":\"x@y.com\"}"), 400, "emial");
        assertError(send("PATCH", "/api/v1/leads/" + id, operator, "{\"grade\":\"A\"}"), 400, "grade");
        assertError(send("PATCH", "/api/v1/leads/" + id, operator, "{\"employeeCount\":\"many\"}"), 400, "employeeCount");
        assertError(send("PATCH", "/api/v1/leads/" + id, operator, "{\"title\": "), 400, null);
        assertError(send("POST", "/api/v1/leads", operator, "{\"firstName\":\"Nobody\"}"), 400, "email");
        assertError(send("POST", "/api/v1/leads", operator, row("bea", "")), 400, "email"); // a duplicate
        assertError(bulk(operator, null, List.of(row("ok", ""), row("typed", "\"annualRevenue\":\"lots\""))),
                400, "leads[1].annualRevenue");
        assertError(send("POST", "/api/v1/leads/bulk", operator, "[]"), 400, "body");
        assertError(bulk(operator, "bad key with spaces", List.of(row("k", ""))), 400, "Idempotency-Key");

        assertThat(jdbc.sql("select updated_at::text from lead where id = ?").param(id).query(String.class).single())
                .isEqualTo(updatedAt);
        assertThat(count("email_normalized in ('ok@" + token + ".example.com', 'k@" + token + ".example.com')")).isZero();
    }

    @Test
    void theOpenApiDescriptionListsTheLeadEndpoints() throws Exception {
        HttpResponse<String> description = get("/api/v1/openapi", null);

        assertThat(description.statusCode()).isEqualTo(200);
        JsonNode paths = json.readTree(description.body()).get("paths");
        assertThat(paths.has("/api/v1/leads")).isTrue();
        assertThat(paths.get("/api/v1/leads").has("get")).isTrue();
        assertThat(paths.get("/api/v1/leads").has("post")).isTrue();
        assertThat(paths.get("/api/v1/leads/{id}").has("patch")).isTrue();
        assertThat(paths.get("/api/v1/leads/{id}").has("delete")).isTrue();
        assertThat(paths.get("/api/v1/leads/bulk").get("post").toString()).contains("Idempotency-Key");
    }

    private String row(String name, String more) {
        return "{\"firstName\":\"" + name + "\",\"company\":\"Api " + token + "\",\"email\":\"" + name + "@" + token
                + ".example.com\"" + (more.isEmpty() ? "" : "," + more) + "}";
    }

    private HttpResponse<String> bulk(String key, String idempotencyKey, List<String> rows) throws Exception {
        HttpRequest.Builder request = request("POST", "/api/v1/leads/bulk", key, "{\"leads\":[" + String.join(",", rows) + "]}");
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<Long> ids(String path) throws Exception {
        List<Long> ids = new ArrayList<>();
        json.readTree(get(path, operator).body()).get("leads").forEach(lead -> ids.add(lead.get("id").asLong()));
        return ids;
    }

    private long createdId(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body()).get("id").asLong();
    }

    private void assertError(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("error").asString()).isNotBlank();
        if (field != null) {
            List<String> fields = new ArrayList<>();
            body.get("errors").forEach(error -> fields.add(error.get("field").asString()));
            assertThat(fields).as(response.body()).contains(field);
        }
    }

    private void assertRowError(JsonNode report, int line, String field, String message) {
        JsonNode row = report.get("rows").get(line - 1);
        assertThat(row.get("line").asInt()).isEqualTo(line);
        assertThat(row.get("outcome").asString()).isEqualTo("ERROR");
        assertThat(row.get("id").isNull()).isTrue();
        assertThat(row.get("errors").get(0).get("field").asString()).as(row.toString()).isEqualTo(field);
        assertThat(row.get("errors").get(0).get("message").asString()).contains(message);
    }

    private int count(String where) {
        return jdbc.sql("select count(*) from lead where " + where).query(Integer.class).single();
    }

    private int audits() {
        return jdbc.sql("select count(*) from audit_log where action = 'lead.bulk-upsert'").query(Integer.class).single();
    }

    private List<Map<String, Object>> snapshot() {
        return jdbc.sql("select id, title, grade, updated_at from lead where company = :c order by id")
                .param("c", "Api " + token).query().listOfRows();
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        return send("GET", path, key, null);
    }

    private HttpResponse<String> send(String method, String path, String key, String body) throws Exception {
        return http.send(request(method, path, key, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String method, String path, String key, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return request;
    }
}
