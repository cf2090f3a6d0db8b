package dev.outreach.events;

import static dev.outreach.events.WebhookTestSupport.genericEvent;
import static dev.outreach.events.WebhookTestSupport.post;
import static dev.outreach.events.WebhookTestSupport.postGeneric;
import static dev.outreach.events.WebhookTestSupport.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.deliverability.EmailMetrics;
import dev.outreach.deliverability.ReputationService;
import dev.outreach.events.WebhookTestSupport.SentMessage;
import dev.outreach.lead.LeadService;
import dev.outreach.support.PostgresIntegrationTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Webhook idempotency on real PostgreSQL over real HTTP: concurrent replays of the same events
 * have exactly one effect, because the event row's insert decides (the later inserts wait for
 * the first transaction, then find the row). SendGrid has no key here: it refuses everything.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"outreach.demo-data=false", "outreach.dispatch.enabled=false"})
class EmailWebhookPostgresIntegrationTests extends PostgresIntegrationTest {

    private static final Pattern COUNTS = Pattern.compile("\\{\"applied\":(\\d+),\"duplicate\":(\\d+),\"orphan\":0,\"ignored\":0}");

    @DynamicPropertySource
    static void secret(DynamicPropertyRegistry registry) {
        registry.add("outreach.webhooks.generic.secret", () -> WebhookTestSupport.SECRET);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LeadService leads;
    @Autowired
    ReputationService reputation;

    @Test
    void theSameEventsReplayedFiveTimesAtOnceHaveExactlyOneEffect() throws Exception {
        for (int round = 0; round < 5; round++) {
            SentMessage message = WebhookTestSupport.sentMessage(jdbc, leads);
            Instant at = Instant.now().minusSeconds(5);
            String body = "[" + genericEvent(uniqueId("open"), "open", message.id(), at, null) + ","
                    + genericEvent(uniqueId("bounce"), "bounce", message.id(), at.plusSeconds(1),
                    "\"bounce\":\"hard\",\"detail\":\"550 user unknown\"") + "]";

            int[] totals = sum(concurrently(5, () -> postGeneric(port, body)));

            assertThat(totals).containsExactly(2, 8);
            assertThat(jdbc.sql("select count(*) from email_event where message_id = ?").param(message.id())
                    .query(Integer.class).single()).isEqualTo(2);
            Map<String, Object> row = jdbc.sql("select status, open_count, human_open_count from outreach_message where id = ?")
                    .param(message.id()).query().singleRow();
            assertThat(row).containsEntry("status", "BOUNCED").containsEntry("open_count", 1).containsEntry("human_open_count", 1);
            assertThat(jdbc.sql("select email_open_count from enrollment where id = ?").param(message.enrollmentId())
                    .query(Integer.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("select count(*) from suppression where entry = ?").param(message.leadEmail())
                    .query(Integer.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("select status from lead where id = ?").param(message.leadId()).query(String.class).single())
                    .isEqualTo("BOUNCED");
            EmailMetrics counted = reputation.getEmailReputationScoped(ReputationService.Scope.MAILBOX, message.mailbox())
                    .score().metrics();
            assertThat(counted.opened()).isEqualTo(1);
            assertThat(counted.bounced()).isEqualTo(1);
        }
    }

    @Test
    void overlappingBatchesInOppositeOrdersAtOnceApplyEachEventOnce() throws Exception {
        List<String> events = new ArrayList<>();
        List<SentMessage> messages = new ArrayList<>();
        Instant at = Instant.now().minusSeconds(5);
        for (int i = 0; i < 20; i++) {
            SentMessage message = WebhookTestSupport.sentMessage(jdbc, leads);
            messages.add(message);
            events.add(genericEvent(uniqueId("d"), "delivered", message.id(), at, null));
            events.add(genericEvent(uniqueId("o"), "open", message.id(), at.plusSeconds(1), null));
        }
        String forward = "[" + String.join(",", events) + "]";
        List<String> reversedEvents = new ArrayList<>(events);
        Collections.reverse(reversedEvents);
        String backward = "[" + String.join(",", reversedEvents) + "]";

        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            responses.addAll(concurrently(4, new Callable<>() {
                private int next;

                @Override
                public synchronized HttpResponse<String> call() throws Exception {
                    return postGeneric(port, next++ % 2 == 0 ? forward : backward);
                }
            }));
        }

        assertThat(sum(responses)).containsExactly(40, 11 * 40);
        for (SentMessage message : messages) {
            assertThat(jdbc.sql("select status, open_count from outreach_message where id = ?").param(message.id()).query()
                    .singleRow()).containsEntry("status", "DELIVERED").containsEntry("open_count", 1);
        }
    }

    @Test
    void softBouncesAddUpToASuppressionEvenWhenTheyArriveAtOnce() throws Exception {
        WebhookTestSupport.softBouncesAddUpToASuppression(port, jdbc, leads);
    }

    @Test
    void anOrphanIsStoredWithoutAMessage() throws Exception {
        String id = uniqueId("orphan");
        HttpResponse<String> response = postGeneric(port, genericEvent(id, "open", UUID.randomUUID(), Instant.now(), null));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"applied\":0,\"duplicate\":0,\"orphan\":1,\"ignored\":0}");
        assertThat(jdbc.sql("select orphan, message_id from email_event where provider = 'generic' and provider_event_id = ?")
                .param(id).query().singleRow()).containsEntry("orphan", true).containsEntry("message_id", null);
    }

    @Test
    void aProviderWithoutAKeyRefusesEveryRequest() throws Exception {
        HttpResponse<String> response = post(port, "sendgrid", "[]".getBytes(StandardCharsets.UTF_8), Map.of());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("webhook provider sendgrid is not configured");
    }

    /** Runs the call on {@code threads} threads released at the same moment. */
    private static List<HttpResponse<String>> concurrently(int threads, Callable<HttpResponse<String>> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Applied and duplicate counts over all responses, each of which must be a 200. */
    private static int[] sum(List<HttpResponse<String>> responses) {
        int applied = 0;
        int duplicate = 0;
        for (HttpResponse<String> response : responses) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            Matcher counts = COUNTS.matcher(response.body());
            assertThat(counts.matches()).as(response.body()).isTrue();
            applied += Integer.parseInt(counts.group(1));
            duplicate += Integer.parseInt(counts.group(2));
        }
        return new int[] {applied, duplicate};
    }
}
