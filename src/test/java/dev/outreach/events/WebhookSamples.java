package dev.outreach.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.deliverability.EmailEventType;
import dev.outreach.deliverability.EmailMetrics;
import dev.outreach.deliverability.ReputationService;
import dev.outreach.events.InboundCorpus.Sample;
import dev.outreach.events.WebhookTestSupport.SentMessage;
import dev.outreach.lead.LeadService;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhook samples ({@code webhook/<provider>/}): each request posted over real HTTP to
 * {@code /api/webhooks/email-events/<provider>}, signed as the provider signs (the generic HMAC,
 * SendGrid's ECDSA, Mailgun's HMAC in the body, Postmark's basic auth and token, SNS's RSA
 * signature with a certificate served by {@link SnsTestServer}), and the responses' counts and
 * the database held to the manifest (see the corpus README for placeholders and keys).
 */
final class WebhookSamples {

    static final String MAILGUN_KEY = "key-corpus-mailgun-signing";
    static final String POSTMARK_USER = "postmark";
    static final String POSTMARK_PASSWORD = "corpus-password";
    static final String POSTMARK_TOKEN = "corpus-token";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z-]+)(?::([^}]*))?}}");
    /** Ten digits each, so that no run's id is the start of another's (rows are found by it). */
    private static final AtomicLong RUNS = new AtomicLong(1_000_000_000L + System.currentTimeMillis() % 1_000_000_000L);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;
    private final JdbcClient jdbc;
    private final LeadService leads;
    private final ReputationService reputation;

    WebhookSamples(int port, JdbcClient jdbc, LeadService leads, ReputationService reputation) {
        this.port = port;
        this.jdbc = jdbc;
        this.leads = leads;
        this.reputation = reputation;
    }

    /** The providers' keys as the application is configured with them; SES notifications from the local SNS topic. */
    static void keys(DynamicPropertyRegistry registry) {
        registry.add("outreach.webhooks.generic.secret", () -> WebhookTestSupport.SECRET);
        registry.add("outreach.webhooks.sendgrid.public-key", () -> WebhookTestSupport.SENDGRID_PUBLIC_KEY);
        registry.add("outreach.webhooks.mailgun.signing-key", () -> MAILGUN_KEY);
        registry.add("outreach.webhooks.postmark.username", () -> POSTMARK_USER);
        registry.add("outreach.webhooks.postmark.password", () -> POSTMARK_PASSWORD);
        registry.add("outreach.webhooks.postmark.token", () -> POSTMARK_TOKEN);
        registry.add("outreach.webhooks.ses.topic-arns", () -> SnsTestServer.TOPIC);
    }

    record Request(byte[] body, Map<String, String> headers) {
    }

    /** The sums of the responses' counts. */
    record Totals(int applied, int duplicate, int orphan, int ignored) {
        Totals plus(Totals other) {
            return new Totals(applied + other.applied, duplicate + other.duplicate, orphan + other.orphan,
                    ignored + other.ignored);
        }
    }

    /** A sample for one run: its messages, and its requests with placeholders filled and signed. */
    final class Placed implements InboundCorpus.Placed {

        private final Sample sample;
        private final String run;
        private final List<SentMessage> messages;
        private final List<Request> requests;
        private final int confirmationsBefore = SnsTestServer.INSTANCE.confirmations();
        private Totals totals = new Totals(0, 0, 0, 0);

        Placed(Sample sample, String run, List<SentMessage> messages, List<Request> requests) {
            this.sample = sample;
            this.run = run;
            this.messages = messages;
            this.requests = requests;
        }

        @Override
        public Sample sample() {
            return sample;
        }

        /** Every request in order; each must be answered 200 with its counts. */
        @Override
        public void arrive() throws Exception {
            Totals sum = new Totals(0, 0, 0, 0);
            for (Request request : requests) {
                HttpResponse<String> response = WebhookTestSupport.post(port, sample.provider(), request.body(),
                        request.headers());
                assertThat(response.statusCode()).as(sample + ": " + response.body()).isEqualTo(200);
                JsonNode counts = JSON.readTree(response.body());
                sum = sum.plus(new Totals(counts.get("applied").asInt(), counts.get("duplicate").asInt(),
                        counts.get("orphan").asInt(), counts.get("ignored").asInt()));
            }
            synchronized (this) {
                totals = totals.plus(sum);
            }
        }

        /** The manifest against the responses' totals over {@code times} arrivals, and the database. */
        @Override
        public synchronized void assertEffect(int times) {
            Properties expected = sample.expected();
            String what = sample.toString();
            assertThat(expected.getProperty("effect", "")).as(what + ": effect= says what the sample does").isNotBlank();
            int applied = number(expected, "applied");
            int duplicate = number(expected, "duplicate");
            int orphan = number(expected, "orphan");
            assertThat(totals.applied()).as(what + ": applied").isEqualTo(applied);
            assertThat(totals.orphan()).as(what + ": orphan").isEqualTo(orphan);
            assertThat(totals.applied() + totals.duplicate() + totals.orphan()).as(what + ": events answered")
                    .isEqualTo(times * (applied + duplicate + orphan));
            assertThat(totals.ignored()).as(what + ": ignored").isEqualTo(times * number(expected, "ignored"));

            Map<String, Integer> rows = new TreeMap<>();
            jdbc.sql("select event_type, count(*) from email_event where raw_payload like ? group by event_type")
                    .param("%" + run + "%").query(rs -> {
                        rows.put(rs.getString(1), rs.getInt(2));
                    });
            Map<String, Integer> expectedRows = new TreeMap<>();
            expected.stringPropertyNames().stream().filter(key -> key.startsWith("events."))
                    .forEach(key -> expectedRows.put(key.substring(7), Integer.parseInt(expected.getProperty(key).strip())));
            assertThat(rows).as(what + ": event rows by type").isEqualTo(expectedRows);
            assertThat(jdbc.sql("select count(*) from email_event where orphan and raw_payload like ?")
                    .param("%" + run + "%").query(Integer.class).single())
                    .as(what + ": orphan rows").isEqualTo(number(expected, "orphans"));

            for (int i = 1; i <= messages.size(); i++) {
                assertMessage(i, messages.get(i - 1));
            }
            if (times == 1 && expected.containsKey("sns-confirmations")) {
                assertThat(SnsTestServer.INSTANCE.confirmations() - confirmationsBefore).as(what + ": SubscribeURL fetches")
                        .isEqualTo(number(expected, "sns-confirmations"));
            }
        }

        private void assertMessage(int n, SentMessage message) {
            Properties expected = sample.expected();
            String what = sample.toString();
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
                assertThat(reason).as(what + ": suppression reason")
                        .isEqualTo(expected.getProperty("suppression." + n + ".reason"));
            }
            if (expected.containsKey("lead." + n + ".status")) {
                assertThat(jdbc.sql("select status from lead where id = ?").param(message.leadId()).query(String.class)
                        .single()).as(what + ": lead." + n + ".status").isEqualTo(expected.getProperty("lead." + n + ".status")
                        .strip());
            }
            EmailMetrics metrics = reputation.getEmailReputationScoped(ReputationService.Scope.MAILBOX, message.mailbox())
                    .score().metrics();
            Map<String, Long> counted = new HashMap<>();
            for (EmailEventType type : EmailEventType.values()) {
                counted.put(type.key(), metrics.count(type));
            }
            String reputationPrefix = "reputation." + n + ".";
            for (String key : expected.stringPropertyNames()) {
                if (key.startsWith(reputationPrefix)) {
                    assertThat(counted.get(key.substring(reputationPrefix.length()))).as(what + ": " + key)
                            .isEqualTo(Long.parseLong(expected.getProperty(key).strip()));
                }
            }
        }
    }

    /** The sample's messages (SENT emails to fresh leads from fresh mailboxes), its requests filled and signed. */
    Placed place(Sample sample) {
        String run = "c" + RUNS.incrementAndGet();
        int count = number(sample.expected(), "messages", 1);
        List<SentMessage> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(WebhookTestSupport.sentMessage(jdbc, leads));
        }
        Instant now = Instant.now();
        List<Request> requests = sample.parts().stream()
                .map(body -> sign(sample.provider(), fill(body, run, messages, now), now)).toList();
        return new Placed(sample, run, messages, requests);
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
                yield request(body.replace("{{mailgun-signature}}", HexFormat.of().formatHex(mac)), Map.of());
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

    private static int number(Properties expected, String key) {
        return number(expected, key, 0);
    }

    private static int number(Properties expected, String key, int fallback) {
        String value = expected.getProperty(key);
        return value == null ? fallback : Integer.parseInt(value.strip());
    }
}
