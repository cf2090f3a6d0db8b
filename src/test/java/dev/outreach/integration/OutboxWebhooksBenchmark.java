package dev.outreach.integration;

import dev.outreach.bench.BenchAccess;
import dev.outreach.outreach.OutboxBenchmark;
import dev.outreach.outreach.OutboxDispatcher;
import dev.outreach.security.SystemActor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Benchmark, not a test (run by {@code bench/run.sh outbox-webhooks}): the SMTP send path of
 * {@link OutboxBenchmark} (the dispatcher sending messages of about 5 KB through Jakarta Mail into
 * smtp-sink) with 3 webhook endpoints on loopback subscribed to every event the send path emits
 * ({@code message.sent}, {@code message.bounced}, {@code lead.status_changed}) against the same
 * with none, in rounds of rotating order in one run: with the webhook worker delivering during the
 * round every 2 s as scheduled in production (its deliveries, and the receivers in this JVM, compete
 * for the same 2 cores), and with the worker run only after the round (what the send's own
 * transaction pays for recording the deliveries). After each round with endpoints the
 * run waits until every delivery is DELIVERED and checks that each receiver holds each message's
 * {@code message.sent} exactly once, so no round inherits another's backlog. Reported: the median
 * send rate of each setup and its ratio to the rate without endpoints (target at least 0.9 while
 * the worker delivers).
 */
public final class OutboxWebhooksBenchmark {

    static final int ROUNDS = Integer.getInteger("bench.webhook.rounds", 3);
    static final String SECRET = "bench-outgoing-secret";
    static final Set<WebhookEventType> SEND_PATH_EVENTS = Set.of(WebhookEventType.MESSAGE_SENT,
            WebhookEventType.MESSAGE_BOUNCED, WebhookEventType.LEAD_STATUS_CHANGED);

    /** What a round runs with. */
    enum Setup {
        NONE("no endpoints"),
        RECORDING("3 endpoints, worker after the round (the send transaction's share)"),
        DELIVERING("3 endpoints, worker delivering during the round");

        final String label;

        Setup(String label) {
            this.label = label;
        }
    }

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args.length > 0 ? args[0] : "bench/results");
        Files.createDirectories(results);
        List<WebhookReceiver> receivers = List.of(new WebhookReceiver(SECRET), new WebhookReceiver(SECRET),
                new WebhookReceiver(SECRET));
        int port = OutboxBenchmark.freePort();
        List<String> sinkCommand = new ArrayList<>(List.of("smtp-sink"));
        if ("root".equals(System.getProperty("user.name"))) {
            sinkCommand.addAll(List.of("-u", "nobody"));
        }
        sinkCommand.addAll(List.of("127.0.0.1:" + port, "1000"));
        Process sink = new ProcessBuilder(sinkCommand).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new ArrayList<>();
        String allowed = String.join(",", receivers.stream().map(WebhookReceiver::hostPort).toList());
        // the worker runs when this benchmark says: as the scheduler would (every 2 s) during DELIVERING rounds
        try (ConfigurableApplicationContext app = BenchAccess.start(true, "--outreach.dispatch.enabled=false",
                "--outreach.outgoing-webhooks.poll-interval=1h", "--outreach.outgoing-webhooks.allowed-hosts=" + allowed)) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            OutboxDispatcher dispatcher = app.getBean(OutboxDispatcher.class);
            WebhookService webhooks = app.getBean(WebhookService.class);
            WebhookWorker worker = app.getBean(WebhookWorker.class);
            OutboxBenchmark.prepare(jdbc, port);
            int touch = 1;
            OutboxBenchmark.enqueue(jdbc, touch);
            OutboxBenchmark.drain(dispatcher); // warm-up, without endpoints
            Map<Setup, double[]> rates = new EnumMap<>(Setup.class);
            for (Setup setup : Setup.values()) {
                rates.put(setup, new double[ROUNDS]);
            }
            for (int round = 0; round < ROUNDS; round++) {
                List<Setup> order = new ArrayList<>(List.of(Setup.values()));
                java.util.Collections.rotate(order, round); // each setup first once
                for (Setup setup : order) {
                    touch++;
                    if (setup != Setup.NONE) {
                        register(webhooks, receivers);
                    }
                    double rate = sendRound(jdbc, dispatcher, touch, setup == Setup.DELIVERING ? worker : null);
                    rates.get(setup)[round] = rate;
                    if (setup != Setup.NONE) {
                        settle(jdbc, worker, receivers);
                        SystemActor.run(() -> webhooks.endpoints().forEach(e -> webhooks.delete(e.id())));
                    }
                    lines.add(String.format(Locale.US, "round %d, %s: %.0f msg/s", round + 1, setup.label, rate));
                }
            }
            double none = BenchAccess.median(rates.get(Setup.NONE));
            double recording = BenchAccess.median(rates.get(Setup.RECORDING));
            double delivering = BenchAccess.median(rates.get(Setup.DELIVERING));
            lines.add(String.format(Locale.US, "SMTP send path, %,d messages a round, median of %d rounds in rotating order:"
                    + " %.0f msg/s without endpoints; with 3 endpoints subscribed to the send path's events %.0f msg/s while"
                    + " the worker delivers (ratio %.2f, target >= 0.90), %.0f msg/s with the worker run after the round"
                    + " (ratio %.2f); every delivery DELIVERED, each receiver held each message.sent once",
                    OutboxBenchmark.MESSAGES, ROUNDS, none, delivering, delivering / none, recording, recording / none));
            lines.add(delivering / none >= 0.9 ? "PASS" : "FAIL");
        } finally {
            sink.destroy();
            receivers.forEach(WebhookReceiver::close);
        }
        lines.forEach(System.out::println);
        Files.write(results.resolve("outbox-webhooks.txt"), lines);
        System.exit(0);
    }

    private static void register(WebhookService webhooks, List<WebhookReceiver> receivers) {
        for (WebhookReceiver receiver : receivers) {
            receiver.received.clear();
            receiver.accepted.clear();
            receiver.acceptedTwice.clear();
            SystemActor.call(() -> webhooks.create(new WebhookEndpointDraft("bench " + receiver.hostPort(), receiver.url(),
                    SEND_PATH_EVENTS, SECRET, true)));
        }
    }

    /**
     * One message per lead, touch {@code touch}, all sent; messages per second. With a worker, it
     * runs every 2 s meanwhile, as scheduled in production.
     */
    private static double sendRound(JdbcClient jdbc, OutboxDispatcher dispatcher, int touch, WebhookWorker worker)
            throws InterruptedException {
        OutboxBenchmark.enqueue(jdbc, touch);
        java.util.concurrent.atomic.AtomicBoolean sending = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread scheduler = worker == null ? null : Thread.ofPlatform().name("bench-webhook-worker").start(() -> {
            while (sending.get()) {
                worker.deliverDue();
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long start = System.nanoTime();
        int total = OutboxBenchmark.drain(dispatcher);
        double rate = total / ((System.nanoTime() - start) / 1e9);
        sending.set(false);
        if (scheduler != null) {
            scheduler.join();
        }
        int sent = jdbc.sql("select count(*) from outreach_message where status = 'SENT' and touch = :touch")
                .param("touch", touch).query(Integer.class).single();
        if (sent != OutboxBenchmark.MESSAGES) {
            throw new IllegalStateException("only " + sent + " of " + OutboxBenchmark.MESSAGES + " messages were sent");
        }
        return rate;
    }

    /** Waits for the worker to deliver the round's deliveries; fails on loss, a duplicate or a bad signature. */
    private static void settle(JdbcClient jdbc, WebhookWorker worker, List<WebhookReceiver> receivers)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (jdbc.sql("select (select count(*) from webhook_event where status = 'PENDING')"
                + " + (select count(*) from webhook_delivery where status <> 'DELIVERED')").query(Integer.class).single() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("deliveries still pending after 10 minutes");
            }
            worker.deliverDue();
            Thread.sleep(200);
        }
        for (WebhookReceiver receiver : receivers) {
            long sent = receiver.received.stream().filter(r -> "message.sent".equals(r.event())).map(r -> r.deliveryId())
                    .distinct().count();
            if (sent != OutboxBenchmark.MESSAGES || !receiver.acceptedTwice.isEmpty()
                    || !receiver.received.stream().allMatch(WebhookReceiver.Received::signatureValid)) {
                throw new IllegalStateException(receiver.hostPort() + " received " + sent + " message.sent of "
                        + OutboxBenchmark.MESSAGES + ", " + receiver.acceptedTwice.size() + " twice");
            }
        }
    }
}
