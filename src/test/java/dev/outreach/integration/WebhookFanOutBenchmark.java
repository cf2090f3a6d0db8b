package dev.outreach.integration;

import dev.outreach.bench.BenchAccess;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.MessageSent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Benchmark, not a test (run by {@code bench/run.sh webhooks-out}), on PostgreSQL: 10,000
 * {@code message.sent} events to 3 endpoints on loopback.
 *
 * <p>Fan-out: the events are recorded in transactions of their own (as sends are), then the
 * worker delivers the 30,000 deliveries; reported: throughput, p99 of a try's latency and of the
 * time from the event to its delivery, and loss (every receiver must hold each of its 10,000 ids
 * exactly once). Ceiling: the same bodies POSTed to the same receivers by a bare JDK HttpClient
 * with the same parallelism.
 *
 * <p>Cost on the send path: the transaction that publishes {@code MessageSent} (with the lead's
 * own listener in it, as a send has), timed with no endpoint and then with 3 endpoints; ratio of
 * throughputs.
 */
public final class WebhookFanOutBenchmark {

    static final int EVENTS = Integer.getInteger("bench.events", 10_000);
    static final int SENDS = Integer.getInteger("bench.sends", 5_000);
    static final String SECRET = "bench-outgoing-secret";

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args.length > 0 ? args[0] : "bench/results");
        Files.createDirectories(results);
        List<WebhookReceiver> receivers = List.of(new WebhookReceiver(SECRET), new WebhookReceiver(SECRET),
                new WebhookReceiver(SECRET));
        List<String> lines = new ArrayList<>();
        String allowed = String.join(",", receivers.stream().map(WebhookReceiver::hostPort).toList());
        try (ConfigurableApplicationContext app = BenchAccess.start(true, "--outreach.dispatch.enabled=false",
                "--outreach.outgoing-webhooks.poll-interval=1h", "--outreach.outgoing-webhooks.allowed-hosts=" + allowed)) {
            WebhookService service = app.getBean(WebhookService.class);
            TransactionTemplate transaction = app.getBean(TransactionTemplate.class);
            JdbcClient jdbc = app.getBean(JdbcClient.class);

            double withoutEndpoints = sends(app, transaction, SENDS);
            for (WebhookReceiver receiver : receivers) {
                SystemActor.call(() -> service.create(new WebhookEndpointDraft("bench " + receiver.hostPort(),
                        receiver.url(), Set.of(WebhookEventType.MESSAGE_SENT), SECRET, true)));
            }
            double withEndpoints = sends(app, transaction, SENDS);
            lines.add(String.format("send transaction with MessageSent: %.0f/s without endpoints, %.0f/s with 3 (%.2fx)",
                    withoutEndpoints, withEndpoints, withEndpoints / withoutEndpoints));
            jdbc.sql("update webhook_event set status = 'FANNED_OUT'").update(); // the send-cost run's events
            receivers.forEach(r -> { r.received.clear(); r.accepted.clear(); r.acceptedTwice.clear(); });

            sends(app, transaction, EVENTS);
            long start = System.nanoTime();
            app.getBean(WebhookWorker.class).deliverDue();
            double seconds = (System.nanoTime() - start) / 1e9;
            int delivered = jdbc.sql("select count(*) from webhook_delivery where status = 'DELIVERED' and attempts > 0")
                    .query(Integer.class).single();
            long p99Try = jdbc.sql("select percentile_disc(0.99) within group (order by latency_ms) from webhook_attempt"
                    + " where attempted_at > now() - interval '1 hour'").query(Long.class).single();
            long p99Event = jdbc.sql("select percentile_disc(0.99) within group (order by extract(epoch from"
                    + " delivered_at - created_at) * 1000) from webhook_delivery where attempts > 0")
                    .query(Double.class).single().longValue();
            int lost = 0;
            int twice = 0;
            for (WebhookReceiver receiver : receivers) {
                lost += EVENTS - receiver.accepted.size();
                twice += receiver.acceptedTwice.size();
            }
            double ceiling = ceiling(receivers, EVENTS, app.getBean(OutgoingWebhookProperties.class).parallelism());
            lines.add(String.format("fan-out: %d events x 3 endpoints, %d delivered in %.1f s: %.0f deliveries/s; "
                    + "ceiling (bare HttpClient, same parallelism) %.0f/s: %.2fx", EVENTS, delivered, seconds,
                    delivered / seconds, ceiling, delivered / seconds / ceiling));
            lines.add(String.format("p99 latency: a try %d ms, event to delivery %d ms (all recorded before the worker ran)",
                    p99Try, p99Event));
            lines.add(String.format("loss: %d missing, %d delivered twice; signatures valid: %s", lost, twice,
                    receivers.stream().allMatch(r -> r.received.stream().allMatch(WebhookReceiver.Received::signatureValid))));
        } finally {
            receivers.forEach(WebhookReceiver::close);
        }
        lines.forEach(System.out::println);
        Files.write(results.resolve("webhooks-out.txt"), lines);
    }

    /** MessageSent published in one transaction per send, as the sequencer does; sends per second. */
    private static double sends(ConfigurableApplicationContext app, TransactionTemplate transaction, int count) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            transaction.executeWithoutResult(tx -> app.publishEvent(new MessageSent(UUID.randomUUID(), 1, null,
                    ChannelType.EMAIL, null, "sender@bench.example", 0, "initial", Instant.now())));
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static double ceiling(List<WebhookReceiver> receivers, int events, int parallelism) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Semaphore inFlight = new Semaphore(parallelism);
        long start = System.nanoTime();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < events; i++) {
                for (WebhookReceiver receiver : receivers) {
                    UUID id = UUID.randomUUID();
                    byte[] body = WebhookSender.body(id, WebhookEventType.MESSAGE_SENT, Instant.now(),
                            "{\"message_id\":\"" + UUID.randomUUID() + "\",\"lead_id\":1}");
                    inFlight.acquireUninterruptibly();
                    executor.submit(() -> {
                        try {
                            client.send(HttpRequest.newBuilder(URI.create(receiver.url()))
                                    .header("X-Outreach-Delivery", id.toString())
                                    .header("X-Outreach-Signature", dev.outreach.shared.WebhookSignature.header(
                                            SECRET.getBytes(StandardCharsets.UTF_8), Instant.now(), body))
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                                    HttpResponse.BodyHandlers.discarding());
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        } finally {
                            inFlight.release();
                        }
                        return null;
                    });
                }
            }
        }
        return events * receivers.size() / ((System.nanoTime() - start) / 1e9);
    }
}
