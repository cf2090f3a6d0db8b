package dev.outreach.outreach;

import dev.outreach.bench.BenchAccess;
import dev.outreach.channel.email.JakartaMailAlone;
import dev.outreach.security.SystemActor;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Benchmark, not a test (run by bench/run.sh): the outbox on PostgreSQL, each against a ceiling
 * measured in the same run.
 * <ol>
 * <li>SMTP send path: the dispatcher sends N messages of about 5 KB (text and HTML) from several
 * mailboxes through Jakarta Mail into postfix's smtp-sink, versus smtp-source sending the same
 * number and size over as many reused sessions at once as the dispatcher has senders
 * ({@code outreach.dispatch.parallelism}). Between them, Jakarta Mail alone composing and
 * sending the same message over as many sessions: the share of the path no outbox can avoid.</li>
 * <li>Claim rate: {@link OutreachStore#claimDue} versus pgbench running the same claim
 * statement on the same table.</li>
 * </ol>
 */
public final class OutboxBenchmark {

    public static final int MESSAGES = Integer.getInteger("bench.messages", 5_000);
    static final int MAILBOXES = Integer.getInteger("bench.mailboxes", 4);
    static final int CLAIM_ROWS = Integer.getInteger("bench.claim-rows", 200_000);
    /** Which parts to run: {@code smtp}, {@code claims} or both (the default). */
    static final List<String> PARTS = List.of(System.getProperty("bench.parts", "smtp,claims").split(","));

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args.length > 0 ? args[0] : "bench/results");
        Files.createDirectories(results);
        List<String> lines = new ArrayList<>();
        int port = freePort();
        List<String> sinkCommand = new ArrayList<>(List.of("smtp-sink"));
        if ("root".equals(System.getProperty("user.name"))) {
            sinkCommand.addAll(List.of("-u", "nobody")); // smtp-sink refuses to run as root
        }
        sinkCommand.addAll(List.of("127.0.0.1:" + port, "1000"));
        Process sink = new ProcessBuilder(sinkCommand).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (ConfigurableApplicationContext app = BenchAccess.start(true, "--outreach.dispatch.enabled=false")) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            prepare(jdbc, port);
            if (PARTS.contains("smtp")) {
                lines.add(smtp(app, jdbc, port));
            }
            if (PARTS.contains("claims")) {
                lines.add(claims(app, jdbc, results));
            }
        } finally {
            sink.destroy();
        }
        lines.forEach(System.out::println);
        Files.write(results.resolve("outbox.txt"), lines);
        System.exit(0);
    }

    /** The leads, {@code MAILBOXES} mailboxes on the sink's port, limits out of the way, LIVE delivery. */
    public static void prepare(JdbcClient jdbc, int port) throws IOException {
        String sql = new ClassPathResource("db/generate-leads.sql").getContentAsString(StandardCharsets.UTF_8)
                .replace("${count}", Integer.toString(MESSAGES));
        for (String statement : sql.replaceAll("(?m)^--.*$", "").split(";")) {
            if (!statement.isBlank()) {
                jdbc.sql(statement).update();
            }
        }
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("insert into sending_domain (domain, daily_cap, created_at, updated_at) values ('bench.example', 1000000, ?, ?)")
                .params(now, now).update();
        for (int i = 1; i <= MAILBOXES; i++) {
            jdbc.sql("""
                    insert into mailbox (address, display_name, domain_id, smtp_host, smtp_port, smtp_security, daily_cap,
                                         active, created_at, updated_at)
                    select ?, ?, id, '127.0.0.1', ?, 'NONE', 1000000, true, ?, ? from sending_domain where domain = 'bench.example'
                    """).params("sender" + i + "@bench.example", "Sender " + i, port, now, now).update();
        }
        jdbc.sql("update lead set status = 'NEW'").update();
        jdbc.sql("update channel_config set max_per_hour = 10000000, max_per_day = 10000000, max_per_lead = 1000").update();
        jdbc.sql("update sales_engine_config set delivery_mode = 'LIVE'").update();
    }

    /** The dispatcher's end-to-end rate into smtp-sink versus smtp-source's. */
    private static String smtp(ConfigurableApplicationContext app, JdbcClient jdbc, int port) throws Exception {
        OutboxDispatcher dispatcher = app.getBean(OutboxDispatcher.class);
        // Warm up like a running server is warm (JIT, pools, connections): one unmeasured round first.
        enqueue(jdbc, 1);
        drain(dispatcher);
        enqueue(jdbc, 2);
        long start = System.nanoTime();
        int total = drain(dispatcher);
        double appRate = total / ((System.nanoTime() - start) / 1e9);
        int sent = jdbc.sql("select count(*) from outreach_message where status = 'SENT' and touch = 2")
                .query(Integer.class).single();
        if (sent != MESSAGES) {
            throw new IllegalStateException("only " + sent + " of " + MESSAGES + " messages were sent");
        }
        int averageSize = jdbc.sql("""
                select avg(cast(substring(details from '([0-9]+) bytes') as integer)) from outreach_attempt
                where status = 'SENT' and details like '% bytes'
                """).query(Double.class).single().intValue();
        // as many sessions at once as the dispatcher has senders, each reused for all its messages
        int sessions = app.getBean(DispatchProperties.class).parallelism();
        JakartaMailAlone.rate(port, MESSAGES, sessions, "Benchmark", BODY); // warm, like the dispatcher's first round
        double libraryRate = JakartaMailAlone.rate(port, MESSAGES, sessions, "Benchmark", BODY);
        long ceilingStart = System.nanoTime();
        Process source = new ProcessBuilder("smtp-source", "-d", "-s", Integer.toString(sessions), "-m",
                Integer.toString(MESSAGES), "-l", Integer.toString(averageSize),
                "-f", "sender1@bench.example", "-t", "lead@bench.example", "127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!source.waitFor(10, TimeUnit.MINUTES) || source.exitValue() != 0) {
            throw new IllegalStateException("smtp-source failed");
        }
        double ceiling = MESSAGES / ((System.nanoTime() - ceilingStart) / 1e9);
        return String.format(Locale.US, "SMTP send path, %,d messages of %,d bytes (text + HTML), %d mailboxes, %d senders:"
                + " dispatcher %.0f msg/s, smtp-source (%d sessions, same size) %.0f msg/s, ratio %.2f;"
                + " Jakarta Mail alone (compose and send, same sessions) %.0f msg/s, ratio %.2f to smtp-source,"
                + " dispatcher %.2f of it", MESSAGES, averageSize, MAILBOXES, sessions, appRate, sessions, ceiling,
                appRate / ceiling, libraryRate, libraryRate / ceiling, appRate / libraryRate);
    }

    /**
     * Text in lines of 72 characters, as an email body is written, long enough that the message
     * on the wire (headers, this text and the HTML part made from it) is about 5 KB.
     */
    static final String BODY = ("Hi there, a quick note about scheduling your spring tune-ups this year..\n").repeat(26);

    /** One 5 KB message per lead, touch {@code touch}, due now. */
    public static void enqueue(JdbcClient jdbc, int touch) {
        jdbc.sql("""
                insert into outreach_message (id, lead_id, touch, message_type, subject, body, status, due_at, created_at,
                    updated_at, step_index, first_channel)
                select gen_random_uuid(), id, :touch, 'cold_outreach', 'Benchmark', :body, 'PENDING', now(), now(), now(), 0,
                    'EMAIL'
                from lead
                """).param("touch", touch).param("body", BODY).update();
    }

    /** Dispatches batches until none is due; returns how many were claimed. */
    public static int drain(OutboxDispatcher dispatcher) {
        int total = 0;
        int claimed;
        do {
            claimed = SystemActor.call(dispatcher::dispatchBatch);
            total += claimed;
        } while (claimed > 0);
        return total;
    }

    /**
     * Claims of 50 due messages each, app versus pgbench, in alternating rounds: before every
     * measurement the table is refilled with the same {@code CLAIM_ROWS} due rows and vacuumed,
     * so that neither side inherits the other's dead rows or unset hint bits; the ratio of the
     * medians is reported.
     */
    private static String claims(ConfigurableApplicationContext app, JdbcClient jdbc, Path results) throws Exception {
        OutreachStore store = app.getBean(OutreachStore.class);
        int batches = CLAIM_ROWS / 50 / 2;
        Path script = results.resolve("claim.sql");
        Files.writeString(script, OutreachStore.CLAIM_POSTGRES
                .replace(":lease", "now() + interval '15 minutes'").replace(":now", "now()").replace(":batch", "50")
                .replace(":claim", "'" + java.util.UUID.randomUUID() + "'::uuid") + ";\n");
        int rounds = 3;
        double[] appRates = new double[rounds];
        double[] ceilings = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            fillClaimable(jdbc);
            long start = System.nanoTime();
            int claimed = 0;
            for (int i = 0; i < batches; i++) {
                Instant now = Instant.now();
                claimed += store.claimDue(now, 50, now.plus(Duration.ofMinutes(15)), java.util.UUID.randomUUID()).size();
            }
            appRates[round] = claimed / ((System.nanoTime() - start) / 1e9);
            if (claimed != batches * 50) {
                throw new IllegalStateException("the app claimed " + claimed + ", expected " + batches * 50);
            }
            fillClaimable(jdbc);
            ceilings[round] = pgbench(script, batches) * 50;
            int left = jdbc.sql("select count(*) from outreach_message where status = 'PENDING'").query(Integer.class).single();
            if (left != CLAIM_ROWS - batches * 50) {
                throw new IllegalStateException("pgbench left " + left + " due rows, expected " + (CLAIM_ROWS - batches * 50));
            }
        }
        double appRate = BenchAccess.median(appRates);
        double ceiling = BenchAccess.median(ceilings);
        return String.format(Locale.US, "Claim rate, batches of 50 from %,d due rows (median of %d alternating rounds): app %.0f msg/s,"
                + " pgbench %.0f msg/s, ratio %.2f", CLAIM_ROWS, rounds, appRate, ceiling, appRate / ceiling);
    }

    /** {@code CLAIM_ROWS} due PENDING messages and nothing else, vacuumed and analyzed. */
    private static void fillClaimable(JdbcClient jdbc) throws Exception {
        jdbc.sql("delete from outreach_message").update();
        jdbc.sql("""
                insert into outreach_message (id, lead_id, touch, message_type, subject, body, status, due_at, created_at,
                    updated_at, step_index)
                select gen_random_uuid(), l.id, g, 'cold_outreach', 'Claim', 'x', 'PENDING',
                       now() - interval '1 hour' + g * interval '1 millisecond', now(), now(), 0
                from generate_series(1, :rows) g join lead l on l.id = (select min(id) from lead)
                """).param("rows", CLAIM_ROWS).update();
        jdbc.sql("vacuum analyze outreach_message").update();
    }

    /** Runs the claim script {@code transactions} times through pgbench; returns its tps. */
    private static double pgbench(Path script, int transactions) throws Exception {
        ProcessBuilder pgbench = new ProcessBuilder("pgbench", "-n", "-h", "127.0.0.1", "-U", BenchAccess.USER, "-f",
                script.toString(), "-t", Integer.toString(transactions), "test");
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
        return Double.parseDouble(tps.group(1));
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
