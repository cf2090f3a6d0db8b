package dev.outreach.integration;

import dev.outreach.integration.WebhookAttempt.Outcome;
import dev.outreach.integration.WebhookDeliveryStore.Due;
import dev.outreach.integration.WebhookDeliveryStore.Tried;
import dev.outreach.integration.WebhookEndpointStore.Target;
import dev.outreach.shared.JobRuns;
import dev.outreach.shared.SecretCipher;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers due webhooks: claims them in batches (deliveries due again, and new events, each fanned
 * out to the endpoints it was recorded for), sends up to {@code parallelism} at once, and stores the
 * batch's outcomes together (one transaction per batch, not per try, so the worker's writes cost the
 * sends beside it little): delivered, due again after an exponential backoff (30 s doubled up to an
 * hour), or FAILED once the next try would fall after the delivery's 24 hours. One instance at a
 * time (ShedLock); what a worker that died had claimed is due again when its claim's lease ends
 * (with the rest of its batch, delivered or not), with the same delivery ids, so a receiver may
 * see a delivery twice and dedupes by its id.
 */
@Component
class WebhookWorker {

    static final String JOB = "webhook-deliveries";
    private static final Logger log = LoggerFactory.getLogger(WebhookWorker.class);

    private final WebhookDeliveryStore deliveries;
    private final WebhookEndpointStore endpoints;
    private final WebhookSender sender;
    private final SecretCipher secrets;
    private final OutgoingWebhookProperties properties;
    private final JobRuns jobs;
    private final Clock clock;

    WebhookWorker(WebhookDeliveryStore deliveries, WebhookEndpointStore endpoints, WebhookSender sender,
            SecretCipher secrets, OutgoingWebhookProperties properties, JobRuns jobs, Clock clock) {
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.sender = sender;
        this.secrets = secrets;
        this.properties = properties;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Delivers what is due, batch after batch, until nothing is. */
    @Scheduled(fixedDelayString = "${outreach.outgoing-webhooks.poll-interval:2s}",
            initialDelayString = "${outreach.outgoing-webhooks.poll-interval:2s}")
    @SchedulerLock(name = JOB)
    public void deliverDue() {
        if (!properties.enabled()) {
            return;
        }
        List<Due> batch = claim();
        while (!batch.isEmpty()) {
            List<Due> claimed = batch;
            jobs.run(JOB, () -> deliver(claimed));
            batch = claim();
        }
    }

    private List<Due> claim() {
        Instant now = clock.instant();
        return deliveries.claim(now, properties.batchSize(), now.plus(properties.lease()));
    }

    /** Sends the batch, up to {@code parallelism} at once, then stores every outcome in one transaction. */
    private void deliver(List<Due> batch) {
        Map<Long, Target> targets = endpoints.targets(batch.stream().map(Due::endpointId).collect(Collectors.toSet()))
                .stream().collect(Collectors.toMap(Target::id, target -> target));
        Map<Long, byte[]> keys = new HashMap<>();
        Semaphore inFlight = new Semaphore(properties.parallelism());
        List<Tried> tried = new ArrayList<>(batch.size());
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Tried>> running = batch.stream().map(due -> {
                Target target = targets.get(due.endpointId());
                byte[] key = target == null || !target.enabled() ? null
                        : keys.computeIfAbsent(target.id(), id -> secrets.decrypt(target.secretEncrypted())
                                .getBytes(StandardCharsets.UTF_8));
                inFlight.acquireUninterruptibly();
                return executor.submit(() -> {
                    try {
                        return deliverOne(due, target, key);
                    } finally {
                        inFlight.release();
                    }
                });
            }).toList();
            for (int i = 0; i < running.size(); i++) {
                try {
                    tried.add(running.get(i).get());
                } catch (Exception e) {
                    log.warn("A webhook delivery failed unexpectedly; it is tried again after its backoff", e);
                    tried.add(failed(batch.get(i), null, 0, "unexpected: " + e, clock.instant()));
                }
            }
        }
        deliveries.outcomes(tried);
    }

    /** One try; what to store of it. */
    private Tried deliverOne(Due due, Target target, byte[] key) {
        int attempt = due.attempts() + 1;
        if (target == null || key == null) {
            return new Tried(due, attempt, Outcome.FAILED, null, 0, "endpoint disabled or deleted", clock.instant(),
                    Optional.empty());
        }
        WebhookSender.Result result = sender.send(target.url(), key, due.id(), due.type(),
                WebhookSender.body(due.id(), due.type(), due.occurredAt(), due.payload()));
        Instant now = clock.instant();
        if (result.delivered()) {
            return new Tried(due, attempt, Outcome.DELIVERED, result.status(), result.latencyMillis(), null, now,
                    Optional.empty());
        }
        return failed(due, result.status(), result.latencyMillis(), result.error(), now);
    }

    /** A failed try: due again after its backoff, or FAILED when that falls after the delivery's retry window. */
    private Tried failed(Due due, Integer status, long latencyMillis, String error, Instant now) {
        int attempt = due.attempts() + 1;
        Instant next = now.plus(properties.retryDelay(attempt));
        return new Tried(due, attempt, Outcome.FAILED, status, latencyMillis, error, now,
                next.isAfter(due.giveUpAt()) ? Optional.empty() : Optional.of(next));
    }
}
