package dev.outreach.events;

import dev.outreach.bench.BenchAccess;
import dev.outreach.deliverability.ReputationService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Benchmark, not a test (run by {@code bench/run.sh webhooks}): the generic event webhook on
 * PostgreSQL, over real HTTP, against a ceiling measured in the same run.
 *
 * <p>App: signed batches of 1,000 events (delivered, human and machine opens, clicks, hard
 * bounces over {@code bench.messages} sent messages); every batch is posted 3 times, in shuffled
 * order from {@code bench.clients} concurrent clients, so two thirds of the events are
 * duplicates and some duplicates race each other. Ceiling: pgbench running
 * {@link EmailEventStore#INSERT}'s {@code INSERT ... ON CONFLICT DO NOTHING} into the same
 * table in the same shape (1,000 rows per transaction naming real messages, each batch 3 times,
 * the same number of clients). Afterwards every effect is checked to have happened exactly once.
 */
public final class WebhookIngestBenchmark {

    static final int MESSAGES = Integer.getInteger("bench.messages", 12_000);
    static final int BATCH = 1_000;
    static final int REPEATS = 3;
    static final int CLIENTS = Integer.getInteger("bench.clients", 2);
    static final String SECRET = "bench-webhook-secret";

    /** One generated event and what it must do. */
    record Event(String id, String type, UUID messageId, String extra) {
        String json(Instant at) {
            return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"message_id\":\"" + messageId + "\",\"occurred_at\":\""
                    + at + "\"" + (extra == null ? "" : "," + extra) + "}";
        }
    }

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args.length > 0 ? args[0] : "bench/results");
        Files.createDirectories(results);
        List<String> lines = new ArrayList<>();
        try (ConfigurableApplicationContext app = BenchAccess.start(true, "--outreach.dispatch.enabled=false",
                "--outreach.webhooks.generic.secret=" + SECRET)) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            String run = Long.toString(System.currentTimeMillis(), 36);
            List<UUID> messages = prepare(jdbc, run);
            warmUp(port, messages, run);
            List<Event> events = events(messages.subList(0, MESSAGES), run);
            List<List<Event>> batches = new ArrayList<>();
            for (int i = 0; i < events.size(); i += BATCH) {
                batches.add(events.subList(i, Math.min(events.size(), i + BATCH)));
            }
            long start = System.nanoTime();
            int[] outcome = post(port, batches);
            double seconds = (System.nanoTime() - start) / 1e9;
            double appRate = (double) events.size() * REPEATS / seconds;
            int checks = verify(jdbc, app.getBean(ReputationService.class), events, outcome, run);
            double ceiling = pgbench(jdbc, results, events.size() / BATCH);
            lines.add(String.format(Locale.US,
                    "Webhook ingest, %,d events in signed batches of %,d, each sent %d times (%,d posted, %d clients): "
                            + "app %.0f events/s (%.0f new events/s), pgbench INSERT ... ON CONFLICT DO NOTHING %.0f rows/s, ratio %.2f",
                    events.size(), BATCH, REPEATS, events.size() * REPEATS, CLIENTS, appRate, events.size() / seconds,
                    ceiling, appRate / ceiling));
            lines.add(String.format(Locale.US, "Effects: %d checks, every effect exactly once (applied %,d, duplicates %,d); "
                    + "mean request %d ms with new events, %d ms for an all-duplicate replay", checks, outcome[0], outcome[1],
                    outcome[2], outcome[3]));
        }
        lines.forEach(System.out::println);
        Files.write(results.resolve("webhooks.txt"), lines);
        System.exit(0);
    }

    /** Leads, one enrollment and one SENT message each, from four mailboxes; the last 1,000 for the warm-up. */
    private static List<UUID> prepare(JdbcClient jdbc, String run) throws IOException {
        String sql = new ClassPathResource("db/generate-leads.sql").getContentAsString(StandardCharsets.UTF_8)
                .replace("${count}", Integer.toString(MESSAGES + BATCH));
        for (String statement : sql.replaceAll("(?m)^--.*$", "").split(";")) {
            if (!statement.isBlank()) {
                jdbc.sql(statement).update();
            }
        }
        jdbc.sql("update lead set status = 'CONTACTED'").update();
        jdbc.sql("insert into sending_domain (domain, created_at, updated_at) values (?, now(), now())")
                .param("bench-" + run + ".example").update();
        for (int i = 1; i <= 5; i++) {
            jdbc.sql("""
                    insert into mailbox (address, display_name, domain_id, created_at, updated_at)
                    select ?, 'Sender', id, now(), now() from sending_domain where domain = ?
                    """).params("sender" + i + "@bench-" + run + ".example", "bench-" + run + ".example").update();
        }
        jdbc.sql("insert into enrollment (lead_id, status, created_at, updated_at) select id, 'CONTACTED', now(), now() from lead")
                .update();
        // Mailboxes 1-4 send the measured messages; mailbox 5 sends the warm-up's (leads after MESSAGES).
        jdbc.sql("""
                insert into outreach_message (id, lead_id, enrollment_id, touch, message_type, channel_used, subject, body,
                    status, mailbox_id, due_at, sent_at, created_at, updated_at, step_index)
                select gen_random_uuid(), l.id, e.id, 1, 'cold_outreach', 'EMAIL', 'Hello', 'Body', 'SENT',
                       (select id from mailbox where address = 'sender' || (case when l.rn > :messages then 5 else 1 + l.rn % 4 end)
                            || '@bench-' || :run || '.example'),
                       now(), now(), now(), now(), 0
                from (select id, row_number() over (order by id) as rn from lead) l join enrollment e on e.lead_id = l.id
                """).param("messages", MESSAGES).param("run", run).update();
        jdbc.sql("update outreach_message set provider_message_id = '<' || id || '@bench.example>'").update();
        jdbc.sql("analyze").update();
        return jdbc.sql("""
                select m.id from outreach_message m join lead l on l.id = m.lead_id order by l.id
                """).query(UUID.class).list();
    }

    /** One unmeasured round on the warm-up messages, as a running server is warm (JIT, pools). */
    private static void warmUp(int port, List<UUID> messages, String run) throws Exception {
        List<Event> warm = new ArrayList<>();
        for (UUID id : messages.subList(MESSAGES, messages.size())) {
            warm.add(new Event("warm-" + run + "-d-" + id, "delivered", id, null));
            warm.add(new Event("warm-" + run + "-o-" + id, "open", id, null));
        }
        List<List<Event>> batches = new ArrayList<>();
        for (int i = 0; i < warm.size(); i += BATCH) {
            batches.add(warm.subList(i, Math.min(warm.size(), i + BATCH)));
        }
        post(port, batches);
    }

    /**
     * Per message: delivered and a human open; every 4th a machine open too, every 5th a click,
     * every 100th a hard bounce. Shuffled, so that a batch names many messages.
     */
    private static List<Event> events(List<UUID> messages, String run) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            UUID id = messages.get(i);
            String prefix = run + "-" + i + "-";
            events.add(new Event(prefix + "d", "delivered", id, null));
            events.add(new Event(prefix + "o", "open", id, null));
            if (i % 4 == 0) {
                events.add(new Event(prefix + "m", "open", id, "\"machine_open\":true"));
            }
            if (i % 5 == 0) {
                events.add(new Event(prefix + "c", "click", id, "\"detail\":\"https://example.com/offer\""));
            }
            if (i % 100 == 0) {
                events.add(new Event(prefix + "b", "bounce", id, "\"bounce\":\"hard\",\"detail\":\"550 5.1.1 user unknown\""));
            }
        }
        Collections.shuffle(events, new Random(42));
        return events;
    }

    private static final Pattern COUNTS = Pattern.compile("\\{\"applied\":(\\d+),\"duplicate\":(\\d+),\"orphan\":(\\d+),\"ignored\":0}");

    /** Posts every batch {@link #REPEATS} times in shuffled order from {@link #CLIENTS} clients; applied and duplicate totals. */
    private static int[] post(int port, List<List<Event>> batches) throws Exception {
        List<List<Event>> requests = new ArrayList<>();
        for (int r = 0; r < REPEATS; r++) {
            requests.addAll(batches);
        }
        Collections.shuffle(requests, new Random(7));
        ConcurrentLinkedQueue<List<Event>> queue = new ConcurrentLinkedQueue<>(requests);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/webhooks/email-events/generic");
        LongAdder applied = new LongAdder();
        LongAdder duplicate = new LongAdder();
        LongAdder newNanos = new LongAdder();
        LongAdder newRequests = new LongAdder();
        LongAdder replayNanos = new LongAdder();
        LongAdder replayRequests = new LongAdder();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            done.add(clients.submit(() -> {
                for (List<Event> batch; (batch = queue.poll()) != null; ) {
                    Instant now = Instant.now();
                    StringBuilder body = new StringBuilder(BATCH * 160).append('[');
                    for (int i = 0; i < batch.size(); i++) {
                        body.append(i == 0 ? "" : ",").append(batch.get(i).json(now.minusSeconds(60)));
                    }
                    byte[] bytes = body.append(']').toString().getBytes(StandardCharsets.UTF_8);
                    String t = Long.toString(now.getEpochSecond());
                    String signature = "t=" + t + ",v1=" + HexFormat.of().formatHex(
                            dev.outreach.shared.WebhookSignature.sign(SECRET.getBytes(StandardCharsets.UTF_8), t, bytes));
                    long sent = System.nanoTime();
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                            .header("Content-Type", "application/json").header(GenericWebhook.SIGNATURE, signature)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
                    Matcher counts = COUNTS.matcher(response.body());
                    if (response.statusCode() != 200 || !counts.matches() || !counts.group(3).equals("0")) {
                        failures.incrementAndGet();
                        System.err.println("webhook answered " + response.statusCode() + ": " + response.body());
                        continue;
                    }
                    long nanos = System.nanoTime() - sent;
                    int newEvents = Integer.parseInt(counts.group(1));
                    applied.add(newEvents);
                    duplicate.add(Integer.parseInt(counts.group(2)));
                    (newEvents > 0 ? newNanos : replayNanos).add(nanos);
                    (newEvents > 0 ? newRequests : replayRequests).increment();
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        clients.shutdown();
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " webhook requests failed");
        }
        return new int[] {applied.intValue(), duplicate.intValue(),
                (int) (newNanos.sum() / Math.max(1, newRequests.sum()) / 1_000_000),
                (int) (replayNanos.sum() / Math.max(1, replayRequests.sum()) / 1_000_000)};
    }

    /** Every effect exactly once: the database and the reputation counts against what the events must do. */
    private static int verify(JdbcClient jdbc, ReputationService reputation, List<Event> events, int[] outcome, String run) {
        Map<String, Long> expected = new LinkedHashMap<>();
        long opens = events.stream().filter(e -> e.type().equals("open")).count();
        long machine = events.stream().filter(e -> e.type().equals("open") && e.extra() != null).count();
        long clicks = events.stream().filter(e -> e.type().equals("click")).count();
        long bounces = events.stream().filter(e -> e.type().equals("bounce")).count();
        long delivered = events.stream().filter(e -> e.type().equals("delivered")).count();
        expected.put("applied (responses)", (long) events.size());
        expected.put("duplicates (responses)", (long) events.size() * (REPEATS - 1));
        expected.put("email_event rows", (long) events.size());
        expected.put("open_count sum", opens);
        expected.put("human_open_count sum", opens - machine);
        expected.put("enrollment email_open_count sum", opens);
        expected.put("enrollment email_human_open_count sum", opens - machine);
        expected.put("messages clicked", clicks);
        expected.put("messages DELIVERED", delivered - bounces);
        expected.put("messages BOUNCED", bounces);
        expected.put("suppressions", bounces);
        expected.put("leads BOUNCED", bounces);
        expected.put("reputation delivered", delivered);
        expected.put("reputation opened", opens);
        expected.put("reputation clicked", clicks);
        expected.put("reputation bounced", bounces);

        Map<String, Long> actual = new LinkedHashMap<>();
        actual.put("applied (responses)", (long) outcome[0]);
        actual.put("duplicates (responses)", (long) outcome[1]);
        actual.put("email_event rows", count(jdbc, "select count(*) from email_event where provider = 'generic' and provider_event_id like '" + run + "-%'"));
        String measured = " from outreach_message m join mailbox mb on mb.id = m.mailbox_id where mb.address not like 'sender5@%'";
        actual.put("open_count sum", count(jdbc, "select coalesce(sum(open_count), 0)" + measured));
        actual.put("human_open_count sum", count(jdbc, "select coalesce(sum(human_open_count), 0)" + measured));
        String enrollments = " from enrollment where id in (select m.enrollment_id" + measured + ")";
        actual.put("enrollment email_open_count sum", count(jdbc, "select coalesce(sum(email_open_count), 0)" + enrollments));
        actual.put("enrollment email_human_open_count sum", count(jdbc, "select coalesce(sum(email_human_open_count), 0)" + enrollments));
        actual.put("messages clicked", count(jdbc, "select count(*)" + measured + " and clicked_at is not null"));
        actual.put("messages DELIVERED", count(jdbc, "select count(*)" + measured + " and status = 'DELIVERED'"));
        actual.put("messages BOUNCED", count(jdbc, "select count(*)" + measured + " and status = 'BOUNCED'"));
        actual.put("suppressions", count(jdbc, "select count(*) from suppression"));
        actual.put("leads BOUNCED", count(jdbc, "select count(*) from lead where status = 'BOUNCED'"));
        long[] scores = new long[4];
        for (int i = 1; i <= 4; i++) {
            var metrics = reputation.getEmailReputationScoped(ReputationService.Scope.MAILBOX,
                    "sender" + i + "@bench-" + run + ".example").score().metrics();
            scores[0] += metrics.delivered();
            scores[1] += metrics.opened();
            scores[2] += metrics.clicked();
            scores[3] += metrics.bounced();
        }
        actual.put("reputation delivered", scores[0]);
        actual.put("reputation opened", scores[1]);
        actual.put("reputation clicked", scores[2]);
        actual.put("reputation bounced", scores[3]);
        List<String> wrong = new ArrayList<>();
        expected.forEach((what, value) -> {
            if (!value.equals(actual.get(what))) {
                wrong.add(what + ": expected " + value + ", found " + actual.get(what));
            }
        });
        if (!wrong.isEmpty()) {
            throw new IllegalStateException("Effects not exactly once:\n" + String.join("\n", wrong));
        }
        return expected.size();
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    /**
     * pgbench running the same insert, 1,000 rows per transaction naming real messages, each
     * batch inserted {@link #REPEATS} times (a sequence numbers the transactions), same clients.
     */
    private static double pgbench(JdbcClient jdbc, Path results, int batches) throws Exception {
        jdbc.sql("create table bench_message as select row_number() over (order by id) - 1 as n, id from outreach_message").update();
        jdbc.sql("alter table bench_message add primary key (n)").update();
        jdbc.sql("create sequence bench_batch").update();
        long messages = count(jdbc, "select count(*) from bench_message");
        Path script = results.resolve("webhook-insert.sql");
        String insert = EmailEventStore.INSERT.strip()
                .replace("values (:provider, :eventId, :type, :messageId, :occurredAt, :receivedAt, :raw, :orphan, :detail)", """
                        select 'pgbench', 'pg-' || (:b * 1000 + g), 'OPENED', m.id, now(), now(),
                               cast(json_build_object('id', 'pg-' || (:b * 1000 + g), 'type', 'open', 'message_id', m.id,
                                   'occurred_at', '2026-01-01T00:00:00Z') as varchar), false, null
                        from generate_series(1, 1000) g join bench_message m on m.n = (:b * 1000 + g) % :messages""");
        Files.writeString(script, "select (nextval('bench_batch') - 1) % :batches as b \\gset\n" + insert + ";\n");
        int transactions = batches * REPEATS;
        ProcessBuilder pgbench = new ProcessBuilder("pgbench", "-n", "-h", "127.0.0.1", "-U", BenchAccess.USER,
                "-c", Integer.toString(CLIENTS), "-j", Integer.toString(CLIENTS), "-t", Integer.toString(transactions / CLIENTS),
                "-D", "batches=" + batches, "-D", "messages=" + messages, "-f", script.toString(), "test");
        pgbench.environment().put("PGOPTIONS", "-c search_path=" + BenchAccess.SCHEMA + ",public");
        pgbench.redirectErrorStream(true);
        Process process = pgbench.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed:\n" + output);
        }
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("no tps in pgbench output:\n" + output);
        }
        long inserted = count(jdbc, "select count(*) from email_event where provider = 'pgbench'");
        if (inserted != (long) batches * BATCH) {
            throw new IllegalStateException("pgbench inserted " + inserted + " rows, expected " + batches * BATCH);
        }
        return Double.parseDouble(tps.group(1)) * BATCH;
    }
}
