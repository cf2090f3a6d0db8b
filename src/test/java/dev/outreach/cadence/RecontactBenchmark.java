package dev.outreach.cadence;

import dev.outreach.bench.BenchAccess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Benchmark, not a test (run by {@code bench/run.sh recontact}): the {@link RecontactWorker} on
 * PostgreSQL against a ceiling measured in the same run.
 *
 * <p>Data (generated with {@code generate_series}): 1M leads and enrollments, none bound to a
 * campaign. 100k are eligible: CONTACTED, last touch 91 days ago, cycle 0. The other 900k are
 * not: 500k CONTACTED 30 days ago (inside the cooldown), 200k at the cycle cap, 100k replied and
 * 100k still ACTIVE mid-sequence. Ceiling: psql running one {@code UPDATE} with the same
 * eligibility and the same assignments (timed by psql's \\timing, statement and commit); the
 * same without the lead join (address and lead status checks) is reported as the bare one. Then
 * the worker on the same state, in its batches: at most 2x the psql {@code UPDATE}.
 */
public final class RecontactBenchmark {

    static final int ENROLLMENTS = Integer.getInteger("bench.enrollments", 1_000_000);
    static final int ELIGIBLE = Integer.getInteger("bench.eligible", 100_000);

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args.length > 0 ? args[0] : "bench/results");
        Files.createDirectories(results);
        List<String> lines = new ArrayList<>();
        try (ConfigurableApplicationContext app = BenchAccess.start(true, "--outreach.dispatch.enabled=false",
                "--outreach.cadence.tick-enabled=false", "--outreach.simulator.enabled=false",
                "--outreach.imap.enabled=false")) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            RecontactWorker worker = app.getBean(RecontactWorker.class);
            long started = System.nanoTime();
            generate(jdbc);
            lines.add(String.format(Locale.ROOT, "data: %,d leads and enrollments, %,d eligible, generated in %.1f s",
                    ENROLLMENTS, ELIGIBLE, (System.nanoTime() - started) / 1e9));

            double bare = psql(false);
            check(jdbc, "bare psql");
            reset(jdbc);
            double equivalent = psql(true);
            check(jdbc, "psql");
            reset(jdbc);

            long start = System.nanoTime();
            int reset = worker.run();
            double worked = (System.nanoTime() - start) / 1e6;
            check(jdbc, "worker");
            if (reset != ELIGIBLE) {
                throw new IllegalStateException("the worker reset " + reset + ", expected " + ELIGIBLE);
            }

            lines.add(String.format(Locale.ROOT, "psql, bare UPDATE (no lead join), %,d eligible of %,d:   %8.0f ms", ELIGIBLE,
                    ENROLLMENTS, bare));
            lines.add(String.format(Locale.ROOT, "psql, the same UPDATE with the worker's eligibility:       %8.0f ms",
                    equivalent));
            lines.add(String.format(Locale.ROOT, "RecontactWorker.run, batches of %,d:                       %8.0f ms"
                    + "  (%.2fx the equivalent UPDATE, ceiling 2x; %.2fx the bare one)",
                    app.getEnvironment().getProperty("outreach.cadence.recontact-batch-size", Integer.class, 1000), worked,
                    worked / equivalent, worked / bare));
            lines.add(worked / equivalent <= 2 ? "PASS" : "FAIL");
        }
        lines.forEach(System.out::println);
        Files.write(results.resolve("recontact.txt"), lines, StandardCharsets.UTF_8);
    }

    private static void generate(JdbcClient jdbc) throws Exception {
        jdbc.sql("""
                insert into lead (first_name, company, email, email_normalized, status, created_at, updated_at)
                select 'Lead' || g, 'Company ' || g, 'lead' || g || '@bench.example', 'lead' || g || '@bench.example',
                    'CONTACTED', now(), now()
                from generate_series(1, :n) g
                """).param("n", ENROLLMENTS).update();
        // by rank: eligible, inside the cooldown, at the cap, replied, mid-sequence; shuffled by id modulo
        jdbc.sql("""
                insert into enrollment (lead_id, campaign_id, outreach_sequence_step, status, re_contact_cycle,
                    last_email_sent_at, last_email_replied_at, next_touch_due_at, email_open_count, created_at, updated_at)
                select l.id, null, case when k < 0.9 then 4 else 1 end, case when k < 0.9 then 'CONTACTED' else 'ACTIVE' end,
                    case when k >= 0.6 and k < 0.8 then 4 else 0 end,
                    now() - case when k < 0.1 or k >= 0.6 then interval '91 days' else interval '30 days' end,
                    case when k >= 0.8 and k < 0.9 then now() - interval '80 days' end,
                    case when k >= 0.9 then now() + interval '10 hours' end, 2, now(), now()
                from (select id, ((id * 7919) % :n) / cast(:n as double precision) k from lead) l
                """).param("n", ENROLLMENTS).update();
        vacuum();
        long eligible = eligibleNow(jdbc);
        if (eligible != ELIGIBLE) {
            throw new IllegalStateException("generated " + eligible + " eligible, expected " + ELIGIBLE);
        }
    }

    private static long eligibleNow(JdbcClient jdbc) {
        return jdbc.sql("""
                select count(*) from enrollment where status = 'CONTACTED' and re_contact_cycle = 0
                  and last_email_sent_at <= now() - interval '90 days' and last_email_replied_at is null
                """).query(Long.class).single();
    }

    /** Back to the state before a run: the reset enrollments CONTACTED in cycle 0 again. */
    private static void reset(JdbcClient jdbc) throws Exception {
        jdbc.sql("""
                update enrollment set outreach_sequence_step = 4, re_contact_cycle = 0, status = 'CONTACTED',
                    cycle_reset_at = null, next_touch_due_at = null, email_open_count = 2
                where status = 'COLD'
                """).update();
        vacuum();
    }

    private static void check(JdbcClient jdbc, String what) {
        long cold = jdbc.sql("select count(*) from enrollment where status = 'COLD' and re_contact_cycle = 1"
                + " and outreach_sequence_step = 0 and email_open_count = 0").query(Long.class).single();
        if (cold != ELIGIBLE || eligibleNow(jdbc) != 0) {
            throw new IllegalStateException(what + ": " + cold + " reset; expected " + ELIGIBLE);
        }
    }

    private static void vacuum() throws Exception {
        TickBenchmark.run("vacuum analyze lead; vacuum analyze enrollment;");
    }

    /** One UPDATE with the worker's assignments; {@code withLead}: with its checks on the lead's address and status. */
    private static double psql(boolean withLead) throws Exception {
        String lead = !withLead ? "" : """
                  and exists (select 1 from lead l where l.id = e.lead_id and l.email_normalized is not null
                      and l.email_normalized like '%_@_%' and l.status not in ('BOUNCED', 'UNSUBSCRIBED', 'REPLIED'))
                """;
        return TickBenchmark.timedMillis("""
                begin;
                update enrollment e set outreach_sequence_step = 0, re_contact_cycle = re_contact_cycle + 1,
                    cycle_reset_at = now(), status = 'COLD', last_email_opened_at = null, last_email_clicked_at = null,
                    email_open_count = 0, email_human_open_count = 0,
                    next_touch_due_at = now(), stopped_reason = null, updated_at = now()
                where e.status = 'CONTACTED' and e.re_contact_cycle < 4
                  and e.last_email_sent_at <= now() - interval '90 days'
                  and e.last_email_replied_at is null and not e.email_unsubscribed
                %s;
                commit;
                """.formatted(lead));
    }
}
