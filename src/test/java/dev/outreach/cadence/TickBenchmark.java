package dev.outreach.cadence;

import dev.outreach.bench.BenchAccess;
import dev.outreach.security.SystemActor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Benchmark, not a test (run by {@code bench/run.sh tick}): the sequencer tick on PostgreSQL
 * against a ceiling measured in the same run.
 *
 * <p>Data (generated with {@code generate_series}, not Java inserts): 1M leads, 1M enrollments of
 * which 100k have a follow-up due (step 1, last touch 100h ago, never opened: 72h) and 900k are
 * not due yet. Ceiling: psql running the equivalent work as one statement, a CTE that selects the
 * due enrollments, keeps those that pass the tick's guards (stop conditions, suppression, adaptive
 * delay, gate, nothing in flight), {@code INSERT ... SELECT}s one PENDING message each and advances
 * them; the same without the guards is reported too, as the bare lower bound. Then the
 * app's tick on the same state, then again with the 800k not-due enrollments deleted (100k due
 * among 200k): the two tick times must be within 1.5x of each other, the 1M tick within 2x of psql.
 * Both write the same fixed text ({@link BenchContent}), so the figure is the tick's own cost.
 */
public final class TickBenchmark {

    static final int LEADS = Integer.getInteger("bench.enrollments", 1_000_000);
    static final int DUE = Integer.getInteger("bench.due", 100_000);

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args.length > 0 ? args[0] : "bench/results");
        Files.createDirectories(results);
        List<String> lines = new ArrayList<>();
        try (ConfigurableApplicationContext app = BenchAccess.start(true, "--outreach.dispatch.enabled=false",
                "--outreach.cadence.tick-enabled=false", "--outreach.agents.recontact-agent=false",
                "--outreach.simulator.enabled=false", "--spring.main.sources=" + BenchContent.class.getName())) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            SequencerTick tick = app.getBean(SequencerTick.class);
            long started = System.nanoTime();
            generate(jdbc);
            lines.add(String.format(Locale.ROOT, "data: %,d leads and enrollments, %,d due, generated in %.1f s", LEADS, DUE,
                    (System.nanoTime() - started) / 1e9));

            double bare = psql(false);
            check(jdbc, "bare psql");
            reset(jdbc);
            double psql = psql(true);
            check(jdbc, "psql");
            reset(jdbc);

            double app1m = timed(() -> SystemActor.call(tick::tick));
            check(jdbc, "tick on 1M");
            reset(jdbc);

            // keep the 100k due and 100k of the waiting ones: 200k enrollments
            jdbc.sql("delete from enrollment where id in (select id from enrollment where next_touch_due_at > now()"
                    + " order by id offset :keep)").param("keep", 200_000 - DUE).update();
            vacuum();
            long enrollments = jdbc.sql("select count(*) from enrollment").query(Long.class).single();
            double app200k = timed(() -> SystemActor.call(tick::tick));
            check(jdbc, "tick on 200k");

            lines.add(String.format(Locale.ROOT, "psql, bare INSERT ... SELECT + UPDATE (no guards), 100k due of 1M: %8.0f ms",
                    bare));
            lines.add(String.format(Locale.ROOT, "psql, the same with the tick's guards, 100k due of 1M:           %8.0f ms",
                    psql));
            lines.add(String.format(Locale.ROOT, "tick, 100k due of 1M:       %8.0f ms  (%.2fx psql with guards, ceiling 2x; %.2fx bare)",
                    app1m, app1m / psql, app1m / bare));
            lines.add(String.format(Locale.ROOT, "tick, 100k due of %,d:   %8.0f ms  (%.2fx apart from the 1M tick; within 1.5x)",
                    enrollments, app200k, Math.max(app1m, app200k) / Math.min(app1m, app200k)));
            boolean ok = app1m / psql <= 2 && Math.max(app1m, app200k) / Math.min(app1m, app200k) <= 1.5;
            lines.add(ok ? "PASS" : "FAIL");
        }
        lines.forEach(System.out::println);
        Files.write(results.resolve("tick.txt"), lines, StandardCharsets.UTF_8);
    }

    private static void generate(JdbcClient jdbc) throws Exception {
        jdbc.sql("""
                update sales_engine_config set send_window_start_hour = 0, send_window_end_hour = 24,
                    send_days = 'MON,TUE,WED,THU,FRI,SAT,SUN' where id = 1
                """).update();
        jdbc.sql("""
                insert into lead (first_name, company, email, email_normalized, status, created_at, updated_at)
                select 'Lead' || g, 'Company ' || g, 'lead' || g || '@bench.example', 'lead' || g || '@bench.example',
                    'CONTACTED', now(), now()
                from generate_series(1, :n) g
                """).param("n", LEADS).update();
        // the first DUE leads (by id) have a follow-up due; the others are waiting for theirs
        jdbc.sql("""
                insert into enrollment (lead_id, campaign_id, outreach_sequence_step, status, last_email_sent_at,
                    next_touch_due_at, created_at, updated_at)
                select l.id, null, 1, 'ACTIVE', now() - interval '100 hours',
                    case when r <= :due then now() - interval '64 hours' else now() + interval '30 hours' end,
                    now(), now()
                from (select id, row_number() over (order by id) r from lead) l
                """).param("due", DUE).update();
        vacuum();
    }

    /** Back to the state before a run: no messages, the due enrollments due again. */
    private static void reset(JdbcClient jdbc) throws Exception {
        jdbc.sql("delete from outreach_message").update();
        jdbc.sql("""
                update enrollment set outreach_sequence_step = 1, status = 'ACTIVE',
                    last_email_sent_at = now() - interval '100 hours', next_touch_due_at = now() - interval '64 hours'
                where outreach_sequence_step = 2
                """).update();
        vacuum();
    }

    private static void check(JdbcClient jdbc, String what) {
        long messages = jdbc.sql("select count(*) from outreach_message where status = 'PENDING'").query(Long.class).single();
        long advanced = jdbc.sql("select count(*) from enrollment where outreach_sequence_step = 2").query(Long.class).single();
        if (messages != DUE || advanced != DUE) {
            throw new IllegalStateException(what + ": " + messages + " messages, " + advanced + " enrollments advanced; expected "
                    + DUE);
        }
    }

    private static void vacuum() throws Exception {
        run("vacuum analyze lead; vacuum analyze enrollment; vacuum analyze outreach_message;");
    }

    /**
     * The same text for every lead, as the psql ceiling writes: the figure is about the tick's SQL,
     * whose cost must follow the due count; the content module's writer is measured on its own.
     * Added as a source, it is the only primary writer.
     */
    // not a @Configuration, so that component scanning in tests never picks it up; spring.main.sources adds it here
    public static class BenchContent {

        @org.springframework.context.annotation.Bean
        static org.springframework.beans.factory.config.BeanFactoryPostProcessor onlyBenchTouchContentIsPrimary() {
            return factory -> {
                for (String name : factory.getBeanNamesForType(TouchContent.class, true, false)) {
                    if (!name.equals("benchTouchContent") && factory.containsBeanDefinition(name)) {
                        factory.getBeanDefinition(name).setPrimary(false);
                    }
                }
            };
        }

        @org.springframework.context.annotation.Bean
        @org.springframework.context.annotation.Primary
        TouchContent benchTouchContent() {
            return due -> TouchContent.Draft.of("Touch " + (due.touch() + 1), "Hello,\n\nThis is touch "
                    + (due.touch() + 1) + " from our outreach. (Placeholder text: the content module writes the real message.)\n",
                    "follow_up");
        }
    }

    interface Work {
        Object run() throws Exception;
    }

    private static double timed(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e6;
    }

    /**
     * The same work as the tick as one statement in psql, timed by psql's \\timing (statement and
     * commit). {@code guarded}: with the checks the tick makes on every due row (the lead's stop
     * conditions and suppression, the adaptive delay, the gate, no touch in flight), which is the
     * equivalent statement; without them, the bare lower bound.
     */
    private static double psql(boolean guarded) throws Exception {
        String guards = !guarded ? "" : """
                    join lead l on l.id = e.lead_id
                    where e.last_email_replied_at is null and not e.email_unsubscribed
                      and l.status not in ('REPLIED', 'UNSUBSCRIBED', 'BOUNCED', 'DISQUALIFIED')
                      and l.email_normalized is not null
                      and not exists (select 1 from suppression s where s.kind = 'ADDRESS' and s.entry = l.email_normalized)
                      and not exists (select 1 from suppression s where s.kind = 'DOMAIN'
                              and s.entry = substring(l.email_normalized from position('@' in l.email_normalized) + 1))
                      and e.last_email_sent_at <= now() - case when coalesce(e.email_human_open_count, 0) >= 3 then interval '36 hours'
                          when e.last_email_clicked_at is not null then interval '36 hours'
                          when e.last_email_human_opened_at is not null then interval '48 hours'
                          when e.outreach_sequence_step < 2 then interval '72 hours' else interval '96 hours' end
                      and (e.outreach_sequence_step < 3 or e.email_human_open_count > 0 or e.last_email_clicked_at is not null)
                      and not exists (select 1 from outreach_message m where m.lead_id = e.lead_id
                          and m.enrollment_id = e.id and m.status in ('PENDING', 'SENDING'))
                """;
        return timedMillis("""
                begin;
                with due as (
                    select e.* from enrollment e
                    where e.status in ('COLD', 'ACTIVE') and e.next_touch_due_at <= now()
                    for update),
                ready as (select e.* from due e %s),
                ins as (
                    insert into outreach_message (id, lead_id, enrollment_id, touch, message_type, subject, body, status,
                        due_at, created_at, updated_at, sequence_id, step_index, first_channel)
                    select gen_random_uuid(), d.lead_id, d.id, d.outreach_sequence_step, 'follow_up', 'Touch 2',
                        'Hello,' || chr(10) || chr(10) || 'This is touch 2 from our outreach. (Placeholder text: the content'
                        || ' module writes the real message.)' || chr(10),
                        'PENDING', now(), now(), now(), (select id from sequence_config where is_default), 0, 'EMAIL'
                    from ready d)
                update enrollment e set outreach_sequence_step = e.outreach_sequence_step + 1, status = 'ACTIVE',
                    last_email_sent_at = now(), next_touch_due_at = now() + interval '36 hours', updated_at = now()
                from ready d where e.id = d.id;
                commit;
                """.formatted(guards));
    }

    /** Runs {@code sql} through psql with \\timing on; returns the milliseconds psql reports, summed over its statements. */
    static double timedMillis(String sql) throws IOException, InterruptedException {
        Matcher times = Pattern.compile("Time: ([0-9.]+) ms").matcher(run("\\timing on\n" + sql));
        double total = 0;
        while (times.find()) {
            total += Double.parseDouble(times.group(1));
        }
        return total;
    }

    static String run(String sql) throws IOException, InterruptedException {
        ProcessBuilder psql = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-U",
                BenchAccess.USER, "-d", "test");
        psql.environment().put("PGOPTIONS", "-c search_path=" + BenchAccess.SCHEMA + ",public");
        psql.redirectErrorStream(true);
        Process process = psql.start();
        process.getOutputStream().write(sql.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("psql failed:\n" + output);
        }
        return output;
    }
}
