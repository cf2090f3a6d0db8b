package dev.outreach.inbox;

import dev.outreach.bench.BenchAccess;
import dev.outreach.cadence.TickBenchmark;
import dev.outreach.security.SystemActor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Benchmark, not a test (run by {@code bench/run.sh inbox}): the inbox's first page on PostgreSQL
 * with 100k replies, as {@link Inbox#page} fetches it, against psql running the same SQL (and the
 * bare JDBC query) in the same run; the issue asks for at most 2x psql.
 *
 * <p>Data (generated with {@code generate_series}): 20k leads in 10 campaigns, one touch each from
 * one of 9 mailboxes, 5 answers to each touch over the last 90 days (100k: every tenth an automatic
 * answer), each labelled (the 8 labels in turn), 60% read, a fifth of the leads assigned. Besides
 * the unfiltered first page, the first page with each filter and the unread count are reported.
 * Medians of {@value #RUNS} runs after {@value #WARMUP} warm-up runs; psql runs the statement as
 * many times in one session and its own timing (\timing) of each counts.
 */
public final class InboxBenchmark {

    static final int LEADS = 20_000;
    static final int REPLIES_PER_LEAD = 5;
    static final int PAGE = 50;
    static final int WARMUP = 5;
    static final int RUNS = 21;
    private static final Pattern TIME = Pattern.compile("Time: ([0-9.]+) ms");

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args.length > 0 ? args[0] : "bench/results");
        Files.createDirectories(results);
        try (ConfigurableApplicationContext context = BenchAccess.start(true, "--outreach.dispatch.enabled=false",
                "--outreach.cadence.tick-enabled=false", "--outreach.agents.recontact-agent=false",
                "--outreach.simulator.enabled=false", "--outreach.llm.base-url=")) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            Inbox inbox = context.getBean(Inbox.class);
            long started = System.nanoTime();
            generate(jdbc);
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "data: %,d replies and automatic answers of %,d leads, %,d unread; generated in %.1f s",
                    count(jdbc, "select count(*) from email_reply"), LEADS,
                    (long) SystemActor.call(inbox::unreadCount), (System.nanoTime() - started) / 1e9));
            long campaign = count(jdbc, "select min(id) from campaign where name like 'Inbox bench %'");
            long mailbox = count(jdbc, "select min(id) from mailbox where address like 'rep%@bench-inbox.example'");
            Map<String, InboxFilter> filters = new LinkedHashMap<>();
            filters.put("first page, no filter", InboxFilter.all());
            filters.put("first page, unread only", InboxFilter.all().withUnreadOnly(true));
            filters.put("first page, label Meeting request", InboxFilter.all().withLabel(IntentLabel.MEETING_REQUEST));
            filters.put("first page, one campaign", InboxFilter.all().withCampaign(campaign));
            filters.put("first page, one mailbox", InboxFilter.all().withMailbox(mailbox));
            filters.put("first page, one assignee", InboxFilter.all().withAssignee("admin"));
            boolean pass = true;
            for (Map.Entry<String, InboxFilter> filter : filters.entrySet()) {
                InboxQueries.PageQuery query = InboxQueries.pageQuery(filter.getValue(), null, PAGE + 1);
                int rows = SystemActor.call(() -> inbox.page(filter.getValue(), null, PAGE)).rows().size();
                double app = median(() -> SystemActor.call(() -> inbox.page(filter.getValue(), null, PAGE)));
                double psql = psql(inline(query));
                double bare = bareJdbc(query);
                lines.add(String.format(Locale.ROOT, "%-36s (%d rows): app %6.2f ms, psql %6.2f ms: %.2fx (ceiling 2x); bare JDBC %6.2f ms: %.2fx",
                        filter.getKey(), rows, app, psql, app / psql, bare, app / bare));
                pass &= app / psql <= 2;
            }
            String unreadSql = """
                    select (select count(*) from email_reply r where r.kind in ('REPLY', 'AUTO_REPLY'))
                        - (select count(*) from inbox_read)""";
            double app = median(() -> SystemActor.call(inbox::unreadCount));
            double psql = psql(unreadSql);
            lines.add(String.format(Locale.ROOT, "%-36s: app %6.2f ms, psql %6.2f ms: %.2fx", "unread count (the menu's badge)",
                    app, psql, app / psql));
            lines.add(pass ? "PASS" : "FAIL");
            lines.forEach(System.out::println);
            Files.write(results.resolve("inbox.txt"), lines, StandardCharsets.UTF_8);
        }
    }

    private static void generate(JdbcClient jdbc) throws Exception {
        jdbc.sql("""
                insert into lead (first_name, last_name, company, title, email, email_normalized, status, created_at, updated_at)
                select 'Lead' || g, 'Bench', 'Company ' || g, 'Owner', 'lead' || g || '@bench.example',
                    'lead' || g || '@bench.example', 'REPLIED', now(), now()
                from generate_series(1, :n) g
                """).param("n", LEADS).update();
        jdbc.sql("""
                insert into sending_domain (domain, status, daily_cap, created_at, updated_at)
                values ('bench-inbox.example', 'ACTIVE', 1000, now(), now())
                """).update();
        jdbc.sql("""
                insert into mailbox (address, display_name, domain_id, smtp_host, smtp_port, smtp_security, daily_cap,
                    warmup_start_volume, warmup_daily_increase, active, created_at, updated_at)
                select 'rep' || g || '@bench-inbox.example', 'Rep ' || g, d.id, 'smtp.bench-inbox.example', 587, 'STARTTLS',
                    50, 10, 5, true, now(), now()
                from generate_series(1, 9) g cross join sending_domain d where d.domain = 'bench-inbox.example'
                """).update();
        jdbc.sql("""
                insert into campaign (name, status, default_time_zone, created_at, updated_at)
                select 'Inbox bench ' || g, 'ACTIVE', 'UTC', now(), now() from generate_series(1, 10) g
                """).update();
        jdbc.sql("""
                insert into enrollment (lead_id, campaign_id, outreach_sequence_step, status, next_touch_due_at, created_at, updated_at)
                select l.id, c.id, 2, 'ACTIVE', now() + interval '30 days', now(), now()
                from lead l join campaign c on c.name = 'Inbox bench ' || (l.id % 10 + 1)
                """).update();
        jdbc.sql("""
                insert into outreach_message (id, lead_id, enrollment_id, touch, message_type, channel_used, subject, body, status,
                    mailbox_id, due_at, sent_at, first_channel, created_at, updated_at)
                select gen_random_uuid(), e.lead_id, e.id, 1, 'cold_outreach', 'EMAIL', 'Quick question', 'Hi there', 'REPLIED',
                    mb.id, now() - interval '91 days', now() - interval '91 days', 'EMAIL', now() - interval '91 days', now()
                from enrollment e join mailbox mb on mb.address = 'rep' || (e.lead_id % 9 + 1) || '@bench-inbox.example'
                """).update();
        jdbc.sql("""
                insert into email_reply (message_id, lead_id, mailbox_id, header_message_id, from_address, subject, excerpt,
                    received_at, written_at, kind)
                select m.id, m.lead_id, m.mailbox_id, '<bench-' || m.id || '-' || g || '@prospect.example>',
                    'lead' || m.lead_id || '@bench.example', 'Re: Quick question', repeat('Thanks for reaching out. ', 12),
                    t, t, case when (m.lead_id * 5 + g) % 10 = 0 then 'AUTO_REPLY' else 'REPLY' end
                from (select m.*, g, now() - (abs(hashtext(m.id::text || g)) % 7776000) * interval '1 second' as t
                      from outreach_message m cross join generate_series(1, :n) g) m
                """).param("n", REPLIES_PER_LEAD).update();
        jdbc.sql("""
                insert into reply_intent (reply_id, lead_id, label, source, confidence, reason, machine_label, machine_source,
                    model_pending, classified_at, updated_at)
                select r.id, r.lead_id, l.label, 'RULE', 0.9, 'bench', l.label, 'RULE', false, r.received_at, r.received_at
                from email_reply r join (select * from unnest(array['INTERESTED', 'MEETING_REQUEST', 'NOT_INTERESTED', 'NOT_NOW',
                    'OUT_OF_OFFICE', 'WRONG_PERSON', 'UNSUBSCRIBE_REQUEST', 'AUTO_REPLY_OTHER']) with ordinality as x(label, n)) l
                    on l.n = r.id % 8 + 1
                """).update();
        jdbc.sql("insert into inbox_read (reply_id, read_at, read_by) select id, received_at, 'admin' from email_reply where id % 5 < 3")
                .update();
        jdbc.sql("insert into lead_assignee (lead_id, username, assigned_at, assigned_by) select id, 'admin', now(), 'admin' from lead where id % 5 = 0")
                .update();
        TickBenchmark.run("vacuum analyze lead; vacuum analyze campaign; vacuum analyze enrollment; vacuum analyze mailbox;"
                + " vacuum analyze outreach_message; vacuum analyze email_reply; vacuum analyze reply_intent;"
                + " vacuum analyze inbox_read; vacuum analyze lead_assignee;");
    }

    /** The page's SQL with its parameters written in, as one would type it into psql. */
    static String inline(InboxQueries.PageQuery query) {
        String sql = query.sql();
        List<String> names = new ArrayList<>(query.params().keySet());
        names.sort(Comparator.comparingInt(String::length).reversed());
        for (String name : names) {
            Object value = query.params().get(name);
            String literal = value instanceof Number ? value.toString()
                    : value instanceof Timestamp at ? "'" + at.toInstant() + "'::timestamptz" : "'" + value + "'";
            sql = sql.replace(":" + name, literal);
        }
        return sql;
    }

    /** Milliseconds: the median of psql's own timing of {@link #RUNS} runs in one session, after {@link #WARMUP}. */
    private static double psql(String sql) throws Exception {
        String statement = sql.strip() + ";\n";
        String output = TickBenchmark.run(statement.repeat(WARMUP) + "\\timing on\n" + statement.repeat(RUNS));
        Matcher times = TIME.matcher(output);
        List<Double> found = new ArrayList<>();
        while (times.find()) {
            found.add(Double.parseDouble(times.group(1)));
        }
        if (found.size() != RUNS) {
            throw new IllegalStateException("psql gave " + found.size() + " timings:\n" + output);
        }
        return BenchAccess.median(found.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * The same statement on one plain JDBC connection (planned per execution, as the pool's
     * connections are): every column of every row read, nothing mapped, no transaction, no security.
     */
    private static double bareJdbc(InboxQueries.PageQuery query) throws Exception {
        List<Object> values = new ArrayList<>();
        Matcher names = Pattern.compile(":(\\w+)").matcher(query.sql());
        StringBuilder positional = new StringBuilder();
        while (names.find()) {
            values.add(query.params().get(names.group(1)));
            names.appendReplacement(positional, "?");
        }
        names.appendTail(positional);
        try (Connection connection = DriverManager.getConnection(BenchAccess.URL + "?currentSchema=" + BenchAccess.SCHEMA
                + ",public", BenchAccess.USER, "")) {
            connection.createStatement().execute("set plan_cache_mode = force_custom_plan");
            try (PreparedStatement statement = connection.prepareStatement(positional.toString())) {
                for (int i = 0; i < values.size(); i++) {
                    statement.setObject(i + 1, values.get(i));
                }
                return median(() -> {
                    int cells = 0;
                    try (ResultSet rows = statement.executeQuery()) {
                        int columns = rows.getMetaData().getColumnCount();
                        while (rows.next()) {
                            for (int c = 1; c <= columns; c++) {
                                cells += rows.getObject(c) == null ? 0 : 1;
                            }
                        }
                    }
                    return cells;
                });
            }
        }
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    interface Work {
        Object run() throws Exception;
    }

    private static double median(Work work) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            work.run();
        }
        double[] times = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            work.run();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        return BenchAccess.median(times);
    }
}
