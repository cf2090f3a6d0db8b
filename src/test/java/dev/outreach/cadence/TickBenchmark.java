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
 * The tick writes with the content module's real writer (templates, no LLM): each lead's
 * follow-up rendered from the template, which psql renders too, by concatenating the lead's
 * values into the same template's text; the run checks that every message the tick wrote holds
 * the text psql writes for its lead, and that neither remembered an angle ({@code enrollment_content}:
 * cycle 0 follow-ups have none to remember).
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
                "--outreach.simulator.enabled=false", "--outreach.llm.base-url=")) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            SequencerTick tick = app.getBean(SequencerTick.class);
            long started = System.nanoTime();
            generate(jdbc);
            lines.add(String.format(Locale.ROOT, "data: %,d leads and enrollments, %,d due, generated in %.1f s", LEADS, DUE,
                    (System.nanoTime() - started) / 1e9));

            String[] template = template(jdbc, app);
            double bare = psql(false, template);
            check(jdbc, "bare psql");
            reset(jdbc);
            double psql = psql(true, template);
            check(jdbc, "psql");
            List<String> written = sample(jdbc);
            reset(jdbc);

            double app1m = timed(() -> SystemActor.call(tick::tick));
            check(jdbc, "tick on 1M");
            if (!sample(jdbc).equals(written)) {
                throw new IllegalStateException("The tick wrote " + sample(jdbc) + ", psql " + written);
            }
            sameText(jdbc, template, "tick on 1M");
            reset(jdbc);

            // keep the 100k due and 100k of the waiting ones: 200k enrollments
            jdbc.sql("delete from enrollment where id in (select id from enrollment where next_touch_due_at > now()"
                    + " order by id offset :keep)").param("keep", 200_000 - DUE).update();
            vacuum();
            long enrollments = jdbc.sql("select count(*) from enrollment").query(Long.class).single();
            double app200k = timed(() -> SystemActor.call(tick::tick));
            check(jdbc, "tick on 200k");
            sameText(jdbc, template, "tick on 200k");

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
     * The follow-up template the content module renders for these touches (the one the email
     * channel names for {@code follow_up}), as SQL: {subject, body} expressions over the lead
     * {@code l} that psql concatenates, so the ceiling writes the same text the tick writes.
     */
    private static String[] template(JdbcClient jdbc, ConfigurableApplicationContext app) {
        String name = SystemActor.call(() -> app.getBean(dev.outreach.channel.ChannelConfigService.class)
                .get(dev.outreach.shared.ChannelType.EMAIL).templates().getOrDefault("follow_up", "email-follow-up"));
        var row = jdbc.sql("select subject, body from message_template where name = :name").param("name", name).query()
                .singleRow();
        var content = app.getBean(dev.outreach.content.ContentProperties.class);
        return new String[] {sql((String) row.get("subject"), content), sql((String) row.get("body"), content)};
    }

    /** Mustache text with plain variables only, as a SQL string expression (a missing value renders as nothing). */
    private static String sql(String text, dev.outreach.content.ContentProperties content) {
        Matcher tag = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*}}").matcher(text.strip());
        StringBuilder sql = new StringBuilder("trim(''");
        int at = 0;
        String stripped = text.strip();
        while (tag.find()) {
            sql.append(" || ").append(literal(stripped.substring(at, tag.start()))).append(" || ").append(switch (tag.group(1)) {
                case "first_name" -> "coalesce(trim(l.first_name), '')";
                case "last_name" -> "coalesce(trim(l.last_name), '')";
                case "company" -> "coalesce(trim(l.company), '')";
                case "sender_name" -> literal(content.senderName());
                case "unsubscribe" -> literal(content.unsubscribeText());
                default -> throw new IllegalStateException("The benchmark's psql ceiling does not render {{" + tag.group(1) + "}}");
            });
            at = tag.end();
        }
        if (stripped.substring(at).contains("{{")) {
            throw new IllegalStateException("The benchmark's psql ceiling renders plain variables only: " + text);
        }
        return sql.append(" || ").append(literal(stripped.substring(at))).append(")").toString();
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /**
     * Every message holds the text psql renders for its lead, and content remembered no angle for
     * these follow-ups of cycle 0 (no {@code enrollment_content} row), as psql writes none: the two
     * did the same writes.
     */
    private static void sameText(JdbcClient jdbc, String[] template, String what) {
        long different = jdbc.sql("select count(*) from outreach_message m join lead l on l.id = m.lead_id"
                + " where m.subject is distinct from " + template[0] + " or m.body is distinct from " + template[1])
                .query(Long.class).single();
        long remembered = jdbc.sql("select count(*) from enrollment_content").query(Long.class).single();
        if (different != 0 || remembered != 0) {
            throw new IllegalStateException(what + ": " + different + " messages differ from psql's text, "
                    + remembered + " enrollment_content rows written; expected none");
        }
    }

    /** What was written for the first due lead: subject and body. */
    private static List<String> sample(JdbcClient jdbc) {
        return jdbc.sql("select subject, body from outreach_message where lead_id = (select min(lead_id) from outreach_message)")
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2))).single();
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
    private static double psql(boolean guarded, String[] template) throws Exception {
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
                    select gen_random_uuid(), d.lead_id, d.id, d.outreach_sequence_step, 'follow_up', %s, %s,
                        'PENDING', now(), now(), now(), (select id from sequence_config where is_default), 0, 'EMAIL'
                    from ready d join lead l on l.id = d.lead_id)
                update enrollment e set outreach_sequence_step = e.outreach_sequence_step + 1, status = 'ACTIVE',
                    last_email_sent_at = now(), next_touch_due_at = now() + interval '36 hours', updated_at = now()
                from ready d where e.id = d.id;
                commit;
                """.formatted(guards, template[0], template[1]));
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

    public static String run(String sql) throws IOException, InterruptedException {
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
