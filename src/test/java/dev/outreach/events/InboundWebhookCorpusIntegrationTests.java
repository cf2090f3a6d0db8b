package dev.outreach.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.deliverability.EmailEventType;
import dev.outreach.deliverability.EmailMetrics;
import dev.outreach.deliverability.ReputationService;
import dev.outreach.events.WebhookTestSupport.SentMessage;
import dev.outreach.lead.LeadService;
import java.io.IOException;
import java.io.Reader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook corpus (src/test/resources/inbound-corpus/webhook/{provider}/): every sample posted
 * over real HTTP to the running application, signed as its provider signs, and the database
 * checked against the sample's {@code .expected} manifest. A sample is {@code name.json}, or
 * {@code name.1.json}, {@code name.2.json}... posted in order; see the corpus README for the
 * placeholders and manifest keys. Then the whole corpus replayed three times at once must apply
 * no effect twice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"outreach.demo-data=false", "outreach.dispatch.enabled=false"})
@ActiveProfiles("test")
@Import(InboundWebhookCorpusIntegrationTests.LocalSns.class)
class InboundWebhookCorpusIntegrationTests {

    static final Path CORPUS = Path.of("src/test/resources/inbound-corpus/webhook");
    static final String MAILGUN_KEY = "key-corpus-mailgun-signing";
    static final String POSTMARK_USER = "postmark";
    static final String POSTMARK_PASSWORD = "corpus-password";
    static final String POSTMARK_TOKEN = "corpus-token";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z-]+)(?::([^}]*))?}}");
    private static final Pattern REQUEST_FILE = Pattern.compile("(.+?)(?:\\.(\\d+))?\\.json");
    private static final AtomicLong RUNS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TestConfiguration
    static class LocalSns {
        @Bean
        @Primary
        SnsEndpoints localSnsEndpoints() {
            return SnsTestServer.INSTANCE.endpoints();
        }
    }

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        registry.add("outreach.webhooks.generic.secret", () -> WebhookTestSupport.SECRET);
        registry.add("outreach.webhooks.sendgrid.public-key", () -> WebhookTestSupport.SENDGRID_PUBLIC_KEY);
        registry.add("outreach.webhooks.mailgun.signing-key", () -> MAILGUN_KEY);
        registry.add("outreach.webhooks.postmark.username", () -> POSTMARK_USER);
        registry.add("outreach.webhooks.postmark.password", () -> POSTMARK_PASSWORD);
        registry.add("outreach.webhooks.postmark.token", () -> POSTMARK_TOKEN);
        registry.add("outreach.webhooks.ses.topic-arns", () -> SnsTestServer.TOPIC);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LeadService leads;
    @Autowired
    ReputationService reputation;

    /** One sample: its provider, name, request bodies in order and manifest. */
    record Sample(String provider, String name, List<String> bodies, Properties expected) {
        @Override
        public String toString() {
            return provider + "/" + name;
        }
    }

    /** A sample made concrete for one run: its messages, and requests with placeholders filled and signed. */
    record Prepared(Sample sample, String run, List<SentMessage> messages, List<Request> requests) {
    }

    record Request(byte[] body, Map<String, String> headers) {
    }

    record Totals(int applied, int duplicate, int orphan, int ignored) {
        Totals plus(Totals other) {
            return new Totals(applied + other.applied, duplicate + other.duplicate, orphan + other.orphan,
                    ignored + other.ignored);
        }
    }

    static Stream<Sample> samples() throws IOException {
        List<Sample> samples = new ArrayList<>();
        try (Stream<Path> providers = Files.list(CORPUS)) {
            for (Path dir : providers.filter(Files::isDirectory).sorted().toList()) {
                Map<String, TreeMap<Integer, String>> bodies = new TreeMap<>();
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.sorted().toList()) {
                        Matcher name = REQUEST_FILE.matcher(file.getFileName().toString());
                        if (name.matches()) {
                            bodies.computeIfAbsent(name.group(1), n -> new TreeMap<>()).put(
                                    name.group(2) == null ? 0 : Integer.parseInt(name.group(2)), Files.readString(file));
                        }
                    }
                }
                for (var entry : bodies.entrySet()) {
                    Path manifest = dir.resolve(entry.getKey() + ".expected");
                    assertThat(manifest).as("manifest of " + dir.getFileName() + "/" + entry.getKey()).exists();
                    Properties expected = new Properties();
                    try (Reader reader = Files.newBufferedReader(manifest)) {
                        expected.load(reader);
                    }
                    samples.add(new Sample(dir.getFileName().toString(), entry.getKey(),
                            List.copyOf(entry.getValue().values()), expected));
                }
            }
        }
        return samples.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleHasItsExpectedEffect(Sample sample) throws Exception {
        int confirmationsBefore = SnsTestServer.INSTANCE.confirmations();
        Prepared prepared = prepare(sample);

        Totals totals = postAll(prepared);

        assertExpected(prepared, totals, 1);
        if (sample.expected().containsKey("sns-confirmations")) {
            assertThat(SnsTestServer.INSTANCE.confirmations() - confirmationsBefore).as("SubscribeURL fetches")
                    .isEqualTo(Integer.parseInt(sample.expected().getProperty("sns-confirmations")));
        }
    }

    @Test
    void theWholeCorpusReplayedThreeTimesAtOnceAppliesNoEffectTwice() throws Exception {
        List<Prepared> corpus = new ArrayList<>();
        for (Sample sample : samples().toList()) {
            corpus.add(prepare(sample));
        }
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(30);
        CountDownLatch start = new CountDownLatch(1);
        Map<Prepared, List<Future<Totals>>> runs = new LinkedHashMap<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(12)) {
            for (int replay = 0; replay < 3; replay++) {
                for (Prepared prepared : corpus) {
                    runs.computeIfAbsent(prepared, p -> new ArrayList<>()).add(threads.submit(() -> {
                        start.await();
                        return postAll(prepared);
                    }));
                }
            }
            start.countDown();
            for (var run : runs.entrySet()) {
                Totals totals = new Totals(0, 0, 0, 0);
                for (Future<Totals> replay : run.getValue()) {
                    totals = totals.plus(replay.get());
                }
                assertExpected(run.getKey(), totals, 3);
            }
        }
    }

    // --- preparing a sample -------------------------------------------------------------------

    private Prepared prepare(Sample sample) {
        String run = "c" + RUNS.incrementAndGet();
        int count = Integer.parseInt(sample.expected().getProperty("messages", "1"));
        List<SentMessage> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(WebhookTestSupport.sentMessage(jdbc, leads));
        }
        Instant now = Instant.now();
        List<Request> requests = sample.bodies().stream()
                .map(body -> sign(sample.provider(), fill(body, run, messages, now), now)).toList();
        return new Prepared(sample, run, messages, requests);
    }

    private static String fill(String body, String run, List<SentMessage> messages, Instant now) {
        Matcher matcher = PLACEHOLDER.matcher(body);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String arg = matcher.group(2);
            String value = switch (matcher.group(1)) {
                case "message-id" -> message(messages, arg).id().toString();
                case "header-id" -> message(messages, arg).headerId();
                case "header-id-bare" -> message(messages, arg).headerId().replaceAll("[<>]", "");
                case "email" -> message(messages, arg).leadEmail();
                case "event-id" -> run + "-e" + arg;
                case "relay-id" -> run + "r" + arg;
                case "token" -> run + "t" + arg;
                case "ts" -> Long.toString(now.getEpochSecond() + Long.parseLong(arg));
                case "iso" -> now.plusSeconds(Long.parseLong(arg)).toString();
                case "sns-cert-url" -> SnsTestServer.INSTANCE.certificateUrl();
                case "sns-subscribe-url" -> SnsTestServer.INSTANCE.subscribeUrl(run);
                case "sns-signature", "mailgun-signature" -> matcher.group(); // filled when signing
                default -> throw new IllegalArgumentException("Unknown placeholder " + matcher.group());
            };
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    private static SentMessage message(List<SentMessage> messages, String index) {
        return messages.get(Integer.parseInt(index) - 1);
    }

    /** Signs a filled body as its provider does. */
    private static Request sign(String provider, String body, Instant now) {
        return switch (provider) {
            case "generic" -> request(body, Map.of(GenericWebhook.SIGNATURE, WebhookTestSupport.genericSignature(body, now)));
            case "sendgrid" -> request(body, WebhookTestSupport.sendgridHeaders(body, now));
            case "mailgun" -> {
                JsonNode signature = JSON.readTree(body.replace("{{mailgun-signature}}", "")).get("signature");
                byte[] mac = MailgunWebhook.sign(MAILGUN_KEY.getBytes(StandardCharsets.UTF_8),
                        signature.get("timestamp").asString(), signature.get("token").asString());
                yield request(body.replace("{{mailgun-signature}}", java.util.HexFormat.of().formatHex(mac)), Map.of());
            }
            case "postmark" -> request(body, Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (POSTMARK_USER + ":" + POSTMARK_PASSWORD).getBytes(StandardCharsets.UTF_8)),
                    PostmarkWebhook.TOKEN, POSTMARK_TOKEN));
            case "ses" -> {
                JsonNode message = JSON.readTree(body);
                String signature = SnsTestServer.INSTANCE.sign(canonical(message), message.get("SignatureVersion").asString());
                yield request(body.replace("{{sns-signature}}", signature), Map.of());
            }
            default -> throw new IllegalArgumentException("No signing for provider " + provider);
        };
    }

    /** SNS's string to sign, written here from its documentation, independently of the application's. */
    private static String canonical(JsonNode message) {
        String type = message.get("Type").asString();
        List<String> fields = type.equals("Notification")
                ? List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
                : List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");
        StringBuilder text = new StringBuilder();
        for (String field : fields) {
            if (message.hasNonNull(field)) {
                text.append(field).append('\n').append(message.get(field).asString()).append('\n');
            }
        }
        return text.toString();
    }

    private static Request request(String body, Map<String, String> headers) {
        return new Request(body.getBytes(StandardCharsets.UTF_8), headers);
    }

    // --- posting and checking ----------------------------------------------------------------

    private Totals postAll(Prepared prepared) throws Exception {
        Totals totals = new Totals(0, 0, 0, 0);
        for (Request request : prepared.requests()) {
            HttpResponse<String> response = WebhookTestSupport.post(port, prepared.sample().provider(), request.body(),
                    request.headers());
            assertThat(response.statusCode()).as(prepared.sample() + ": " + response.body()).isEqualTo(200);
            JsonNode counts = JSON.readTree(response.body());
            totals = totals.plus(new Totals(counts.get("applied").asInt(), counts.get("duplicate").asInt(),
                    counts.get("orphan").asInt(), counts.get("ignored").asInt()));
        }
        return totals;
    }

    /** The manifest against the responses' totals ({@code replays} runs of the sample) and the database. */
    private void assertExpected(Prepared prepared, Totals totals, int replays) {
        Properties expected = prepared.sample().expected();
        String what = prepared.sample().toString();
        assertThat(expected.getProperty("effect", "")).as(what + ": effect= says what the sample does").isNotBlank();
        int applied = number(expected, "applied");
        int duplicate = number(expected, "duplicate");
        int orphan = number(expected, "orphan");
        assertThat(totals.applied()).as(what + ": applied").isEqualTo(applied);
        assertThat(totals.orphan()).as(what + ": orphan").isEqualTo(orphan);
        assertThat(totals.applied() + totals.duplicate() + totals.orphan()).as(what + ": events answered")
                .isEqualTo(replays * (applied + duplicate + orphan));
        assertThat(totals.ignored()).as(what + ": ignored").isEqualTo(replays * number(expected, "ignored"));

        Map<String, Integer> rows = new TreeMap<>();
        jdbc.sql("select event_type, count(*) from email_event where raw_payload like ? group by event_type")
                .param("%" + prepared.run() + "%")
                .query(rs -> {
                    rows.put(rs.getString(1), rs.getInt(2));
                });
        Map<String, Integer> expectedRows = new TreeMap<>();
        expected.stringPropertyNames().stream().filter(key -> key.startsWith("events."))
                .forEach(key -> expectedRows.put(key.substring(7), Integer.parseInt(expected.getProperty(key).strip())));
        assertThat(rows).as(what + ": event rows by type").isEqualTo(expectedRows);
        assertThat(jdbc.sql("select count(*) from email_event where orphan and raw_payload like ?")
                .param("%" + prepared.run() + "%").query(Integer.class).single())
                .as(what + ": orphan rows").isEqualTo(number(expected, "orphans"));

        for (int i = 1; i <= prepared.messages().size(); i++) {
            checkMessage(what, expected, i, prepared.messages().get(i - 1));
        }
    }

    private void checkMessage(String what, Properties expected, int n, SentMessage message) {
        Map<String, Object> row = jdbc.sql("select * from outreach_message where id = ?").param(message.id()).query()
                .singleRow();
        String prefix = "message." + n + ".";
        for (String key : expected.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                assertThat(String.valueOf(row.get(key.substring(prefix.length())))).as(what + ": " + key)
                        .isEqualTo(expected.getProperty(key).strip());
            }
        }
        String suppressed = expected.getProperty("suppressed." + n);
        String reason = jdbc.sql("select reason from suppression where kind = 'ADDRESS' and entry = ?")
                .param(message.leadEmail().toLowerCase(Locale.ROOT)).query(String.class).optional().orElse(null);
        if (suppressed != null) {
            assertThat(reason != null ? "yes" : "no").as(what + ": suppressed." + n + " (" + reason + ")")
                    .isEqualTo(suppressed.strip());
        }
        if (expected.containsKey("suppression." + n + ".reason")) {
            assertThat(reason).as(what + ": suppression reason").isEqualTo(expected.getProperty("suppression." + n + ".reason"));
        }
        if (expected.containsKey("lead." + n + ".status")) {
            assertThat(jdbc.sql("select status from lead where id = ?").param(message.leadId()).query(String.class).single())
                    .as(what + ": lead." + n + ".status").isEqualTo(expected.getProperty("lead." + n + ".status").strip());
        }
        EmailMetrics metrics = reputation.getEmailReputationScoped(ReputationService.Scope.MAILBOX, message.mailbox())
                .score().metrics();
        Map<String, Long> counted = new HashMap<>();
        for (EmailEventType type : EmailEventType.values()) {
            counted.put(type.key(), metrics.count(type));
        }
        for (String key : expected.stringPropertyNames()) {
            String reputationPrefix = "reputation." + n + ".";
            if (key.startsWith(reputationPrefix)) {
                assertThat(counted.get(key.substring(reputationPrefix.length()))).as(what + ": " + key)
                        .isEqualTo(Long.parseLong(expected.getProperty(key).strip()));
            }
        }
    }

    private static int number(Properties expected, String key) {
        return Integer.parseInt(expected.getProperty(key, "0").strip());
    }
}
