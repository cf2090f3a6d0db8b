package dev.outreach.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.channel.email.SandboxMail;
import dev.outreach.channel.email.SandboxMailServer;
import dev.outreach.deliverability.ReputationService;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.outreach.OutreachService;
import dev.outreach.outreach.SequenceResult;
import dev.outreach.security.SystemActor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Our own tracking over real HTTP, with the links taken from the email as it went out (into the
 * sandbox SMTP server): the open pixel, the click redirect and the one-click unsubscribe.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "outreach.dispatch.enabled=false", "outreach.imap.enabled=false", "outreach.simulator.enabled=false"})
@ActiveProfiles("test")
class TrackingIntegrationTests {

    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/124.0 Safari/537.36";
    private static final String GOOGLE_PROXY = "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0"
            + " (via ggpht.com GoogleImageProxy)";

    @LocalServerPort
    int port;
    @Autowired
    OutreachService outreach;
    @Autowired
    LeadService leads;
    @Autowired
    SandboxMailServer sandbox;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ReputationService reputation;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String token = Long.toString(System.nanoTime(), 36);
    private String email;
    private long leadId;
    private UUID messageId;
    private SandboxMail mail;

    @BeforeEach
    void anEmailWentOut() {
        email = "tara-" + token + "@tara-solar.com";
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("Tara");
        draft.setCompany("Tara Solar " + token);
        draft.setEmail(email);
        leadId = SystemActor.call(() -> leads.create(draft));
        SequenceResult sent = SystemActor.call(() -> outreach.sendOutreachMessage(leadId, "Panels " + token,
                "Hi Tara,\n\nour offer: https://offers.example.com/solar?lead=" + token + ".\nand the roof: "
                        + "https://offers.example.com/roof?lead=" + token + ".\n\nSam"));
        assertThat(sent.success()).isTrue();
        messageId = sent.messageId();
        mail = SystemActor.call(() -> sandbox.messages(1000)).stream().filter(m -> m.subject().equals("Panels " + token))
                .findFirst().orElseThrow();
    }

    @Test
    void withoutAPublicBaseUrlTheLinksNameThePortTheServerListensOn() {
        String unsubscribe = "http://localhost:" + port + "/u/";

        assertThat(port).isNotEqualTo(8080);
        assertThat(mail.textBody()).contains("Unsubscribe: " + unsubscribe);
        assertThat(mail.headers()).anyMatch(header -> header.startsWith("List-Unsubscribe:") && header.contains("<" + unsubscribe));
        assertThat(path(mail.htmlBody(), "/t/o/")).isNotBlank();
        assertThat(mail.htmlBody()).contains("http://localhost:" + port + "/t/o/").doesNotContain("localhost:8080");
    }

    @Test
    void everyPixelFetchGetsTheImageAndEachOpenIsStoredWithItsVerdict() throws Exception {
        sentAnHourAgo();
        String pixel = path(mail.htmlBody(), "/t/o/");

        HttpResponse<byte[]> human = get(pixel, CHROME);
        HttpResponse<byte[]> reload = get(pixel, CHROME);
        HttpResponse<byte[]> gmail = get(pixel, GOOGLE_PROXY);
        HttpResponse<byte[]> apple = get(pixel, "Mozilla/5.0");

        for (HttpResponse<byte[]> response : java.util.List.of(human, reload, gmail, apple)) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).contains("image/gif");
            assertThat(response.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
            assertThat(response.body()).isEqualTo(TrackingController.PIXEL);
            assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
        }
        Map<String, Object> counts = message("open_count", "human_open_count");
        assertThat(counts).as("the reload within the repeat window is the same open; Gmail's proxy is a person")
                .containsEntry("open_count", 3).containsEntry("human_open_count", 2);
        assertThat(jdbc.sql("select verdict_rule from email_event where message_id = :id and provider = 'tracking'"
                + " and event_type = 'OPENED' order by id").param("id", messageId).query(String.class).list())
                .containsExactly("person", "gmail-image-proxy", "apple-mpp");
    }

    @Test
    void anOpenWithinSecondsOfTheSendIsAMachineOpen() throws Exception {
        jdbc.sql("update outreach_message set sent_at = :at where id = :id")
                .param("at", Timestamp.from(Instant.now().minusSeconds(2))).param("id", messageId).update();

        assertThat(get(path(mail.htmlBody(), "/t/o/"), CHROME).statusCode()).isEqualTo(200);

        assertThat(message("open_count", "human_open_count")).containsEntry("open_count", 1)
                .containsEntry("human_open_count", 0);
    }

    @Test
    void aBadPixelTokenStillGetsTheImageButCountsNothing() throws Exception {
        String pixel = path(mail.htmlBody(), "/t/o/");

        HttpResponse<byte[]> forged = get(pixel.substring(0, pixel.length() - 3) + "AAA", CHROME);
        HttpResponse<byte[]> garbage = get("/t/o/not-a-token", CHROME);

        assertThat(forged.statusCode()).isEqualTo(200);
        assertThat(forged.body()).isEqualTo(TrackingController.PIXEL);
        assertThat(garbage.statusCode()).isEqualTo(200);
        assertThat(message("open_count")).containsEntry("open_count", 0);
    }

    @Test
    void aClickRedirectsToTheSignedUrlAndATamperedOneGoesNowhere() throws Exception {
        sentAnHourAgo();
        String click = path(mail.htmlBody(), "/t/c/");
        assertThat(path(mail.textBody(), "/t/c/")).as("the text part's link is tracked too").isEqualTo(click);

        HttpResponse<byte[]> redirect = get(click, CHROME);
        String payload = click.substring("/t/c/".length(), click.indexOf('.'));
        String mac = click.substring(click.indexOf('.'));
        String tampered = "/t/c/" + payload.substring(0, payload.length() - 4)
                + (payload.endsWith("AAAA") ? "BBBB" : "AAAA") + mac;
        HttpResponse<byte[]> refused = get(tampered, CHROME);
        HttpResponse<byte[]> unsigned = get("/t/c/aHR0cHM6Ly9ldmlsLmV4YW1wbGUuY29tLw", CHROME);

        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).contains("https://offers.example.com/solar?lead=" + token);
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.headers().firstValue("Location")).isEmpty();
        assertThat(new String(refused.body())).contains("This link is not valid.");
        assertThat(unsigned.statusCode()).isEqualTo(404);
        assertThat(unsigned.headers().firstValue("Location")).isEmpty();
        assertThat(message("clicked_at").get("clicked_at")).isNotNull();
        assertThat(clickEvents()).isEqualTo(1);
    }

    @Test
    void aLinkScannerIsRedirectedButItsClickIsNotEngagement() throws Exception {
        sentAnHourAgo();
        String click = path(mail.htmlBody(), "/t/c/");

        HttpResponse<byte[]> scanner = get(click, "Mozilla/5.0 (compatible; Proofpoint URL Defense)");
        HttpResponse<byte[]> head = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + click))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("User-Agent", CHROME).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(scanner.statusCode()).isEqualTo(302);
        assertThat(head.statusCode()).isEqualTo(302);
        assertThat(message("clicked_at").get("clicked_at")).isNull();
        assertThat(jdbc.sql("select machine, verdict_rule from email_event where message_id = :id and event_type = 'CLICKED'")
                .param("id", messageId).query().listOfRows()).as("stored for the record, the HEAD as a repeat of the link")
                .singleElement().satisfies(row -> {
                    assertThat(row.get("machine")).isEqualTo(true);
                    assertThat(row.get("verdict_rule")).isEqualTo("gateway-agent:proofpoint");
                });
    }

    @Test
    void theFirstClickOfALinkBurstIsTakenBackWhenTheNextLinkIsClickedWithinTheBurst() throws Exception {
        sentAnHourAgo();
        long enrollment = inAnEnrollment();
        String mailbox = jdbc.sql("select mb.address from outreach_message m join mailbox mb on mb.id = m.mailbox_id"
                + " where m.id = :id").param("id", messageId).query(String.class).single();
        long clicksBefore = mailboxClicks(mailbox);
        java.util.List<String> links = paths(mail.htmlBody(), "/t/c/");
        assertThat(links).hasSize(2);

        assertThat(get(links.get(0), CHROME).statusCode()).isEqualTo(302);

        assertThat(message("clicked_at").get("clicked_at")).as("alone, the first click is a person's").isNotNull();
        assertThat(lastClicked(enrollment)).isNotNull();
        assertThat(mailboxClicks(mailbox)).isEqualTo(clicksBefore + 1);

        assertThat(get(links.get(1), CHROME).statusCode()).isEqualTo(302);

        assertThat(jdbc.sql("""
                select machine, verdict_rule from email_event where message_id = :id and event_type = 'CLICKED' order by id
                """).param("id", messageId).query((rs, n) -> rs.getBoolean(1) + " " + rs.getString(2)).list())
                .as("both clicks of the burst are a machine's, the rule on each row")
                .containsExactly("true link-burst", "true link-burst");
        assertThat(jdbc.sql("select detail from email_event where message_id = :id and event_type = 'CLICKED' order by id")
                .param("id", messageId).query(String.class).list().getFirst()).contains("first of a link burst");
        assertThat(message("clicked_at").get("clicked_at")).as("the message was never clicked by a person").isNull();
        assertThat(lastClicked(enrollment)).as("nothing moves the cadence").isNull();
        assertThat(mailboxClicks(mailbox)).as("the click taken back from reputation").isEqualTo(clicksBefore);
    }

    @Test
    void theOneClickUnsubscribeCommitsTheSuppressionBeforeItAnswersWithoutLoginOrCookie() throws Exception {
        String link = mail.headers().stream().filter(h -> h.startsWith("List-Unsubscribe: <")).findFirst().orElseThrow()
                .replaceAll("List-Unsubscribe: <([^>]+)>.*", "$1");
        String unsubscribe = URI.create(link).getRawPath();
        assertThat(unsubscribe).startsWith("/u/").doesNotContain(messageId.toString());
        assertThat(mail.textBody()).contains(link);

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + unsubscribe))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(email);
        assertThat(suppression()).as("showing the page changes nothing").isZero();

        HttpResponse<String> oneClick = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + unsubscribe))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(oneClick.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(suppression()).isEqualTo(1);
        assertThat(jdbc.sql("select status from lead where id = :id").param("id", leadId).query(String.class).single())
                .isEqualTo("UNSUBSCRIBED");
        assertThat(jdbc.sql("select count(*) from email_event where message_id = :id and event_type = 'UNSUBSCRIBED'")
                .param("id", messageId).query(Long.class).single()).isEqualTo(1);

        String forged = unsubscribe.substring(0, unsubscribe.length() - 2) + (unsubscribe.endsWith("AA") ? "BB" : "AA");
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + forged))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void byDefaultAForwardedForHeaderIsNotBelieved() throws Exception {
        sentAnHourAgo();
        String pixel = path(mail.htmlBody(), "/t/o/");

        HttpResponse<byte[]> spoofed = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + pixel))
                .header("User-Agent", CHROME).header("X-Forwarded-For", "17.58.63.1").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(spoofed.statusCode()).isEqualTo(200);
        assertThat(message("open_count", "human_open_count")).as("no trusted proxy: the remote address is the client")
                .containsEntry("open_count", 1).containsEntry("human_open_count", 1);
    }

    @Test
    void aLegacyUnsubscribeLinkIsRefusedByDefault() throws Exception {
        // the bare message id is in the Message-ID of every reply and bounce: whoever sees one could unsubscribe the lead
        String legacy = "http://localhost:" + port + "/u/" + messageId;

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(legacy)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> oneClick = http.send(HttpRequest.newBuilder(URI.create(legacy))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).doesNotContain(email);
        assertThat(oneClick.statusCode()).isEqualTo(404);
        assertThat(suppression()).isZero();
        assertThat(jdbc.sql("select status from lead where id = :id").param("id", leadId).query(String.class).single())
                .isNotEqualTo("UNSUBSCRIBED");
    }

    private long suppression() {
        return jdbc.sql("select count(*) from suppression where kind = 'ADDRESS' and entry = :e and reason = 'unsubscribed'")
                .param("e", email).query(Long.class).single();
    }

    private long clickEvents() {
        return jdbc.sql("select count(*) from email_event where message_id = :id and event_type = 'CLICKED'")
                .param("id", messageId).query(Long.class).single();
    }

    /** The message as one touch of an enrollment, whose clicks the cadence reads. */
    private long inAnEnrollment() {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("insert into enrollment (lead_id, status, last_email_sent_at, created_at, updated_at) values (?, 'ACTIVE', ?, ?, ?)")
                .params(leadId, now, now, now).update();
        long enrollment = jdbc.sql("select id from enrollment where lead_id = ?").param(leadId).query(Long.class).single();
        jdbc.sql("update outreach_message set enrollment_id = ? where id = ?").params(enrollment, messageId).update();
        return enrollment;
    }

    private Object lastClicked(long enrollment) {
        return jdbc.sql("select last_email_clicked_at from enrollment where id = ?").param(enrollment)
                .query((rs, n) -> java.util.Optional.ofNullable(rs.getTimestamp(1))).single().orElse(null);
    }

    private long mailboxClicks(String mailbox) {
        return reputation.getEmailReputationScoped(ReputationService.Scope.MAILBOX, mailbox).score().metrics().clicked();
    }

    private void sentAnHourAgo() {
        jdbc.sql("update outreach_message set sent_at = :at where id = :id")
                .param("at", Timestamp.from(Instant.now().minus(1, ChronoUnit.HOURS))).param("id", messageId).update();
    }

    private Map<String, Object> message(String... columns) {
        return jdbc.sql("select " + String.join(", ", columns) + " from outreach_message where id = :id")
                .param("id", messageId).query().singleRow();
    }

    /** The path of the first link with this prefix in a body of the email. */
    private static String path(String body, String prefix) {
        Matcher matcher = Pattern.compile("https?://[^/\\s\"]+(" + Pattern.quote(prefix) + "[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)").matcher(body);
        assertThat(matcher.find()).as("a " + prefix + " link in " + body).isTrue();
        return matcher.group(1);
    }

    /** The paths of every link with this prefix in a body of the email, in order, each once. */
    private static java.util.List<String> paths(String body, String prefix) {
        Matcher matcher = Pattern.compile("https?://[^/\\s\"]+(" + Pattern.quote(prefix) + "[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)").matcher(body);
        java.util.LinkedHashSet<String> paths = new java.util.LinkedHashSet<>();
        while (matcher.find()) {
            paths.add(matcher.group(1));
        }
        return java.util.List.copyOf(paths);
    }

    /** A browser's request: every browser sends Accept-Language on a navigation. */
    private HttpResponse<byte[]> get(String path, String userAgent) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("User-Agent", userAgent)
                .header("Accept-Language", "en-US,en;q=0.9").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
