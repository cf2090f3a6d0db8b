package dev.outreach.cadence;

import dev.outreach.bench.BenchAccess;
import dev.outreach.campaign.CampaignService;
import dev.outreach.campaign.CampaignSummary;
import dev.outreach.inbox.ReplyMetrics;
import dev.outreach.inbox.ReplyMetricsSql;
import dev.outreach.security.SystemActor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Benchmark, not a test (run by {@code bench/run.sh campaign-overview campaign-list}): the campaign
 * figures on PostgreSQL against psql running the same SQL in the same run.
 *
 * <p>Data (generated with {@code generate_series}): 200k leads; 500 campaigns; the one named first
 * ("Bench campaign 000", so on the list's first page) has 200k enrollments and 1M messages (five
 * touches each, sent over the last 30 days, mostly by email, with deliveries, human and machine
 * opens, clicks, replies, bounces and unsubscribe events in realistic shares); each of the 499 others
 * has 200 enrollments with one message each. Nothing is due, as in a campaign between touches.
 *
 * <p>{@code campaign-overview}: {@link CampaignStatsService#overview} on the large campaign vs psql
 * running its statements (the funnel per touch and channel, the funnel per enrollment, the pending
 * touches, the due enrollments, the campaign's waiting messages), then the same with the reply rates
 * the overview tab reads beside it ({@link ReplyMetrics#ofCampaign}; every replied message has a
 * labelled reply on the timeline). {@code campaign-list}:
 * {@link CampaignService#findAll} and {@link CampaignStatsService#figures} of the first page (50
 * campaigns by name) vs psql running the campaigns' select and the list's SQL for the same ids.
 * Medians of 5 runs after one warm-up each; ceilings 2x.
 */
public final class CampaignStatsBenchmark {

    static final int LEADS = Integer.getInteger("bench.campaign.enrollments", 200_000);
    static final int TOUCHES = 5;
    static final int CAMPAIGNS = 500;
    static final int SMALL = 200;
    static final int PAGE = 50;
    static final int RUNS = 5;

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args.length > 0 ? args[0] : "bench/results");
        Files.createDirectories(results);
        List<String> which = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("campaign-overview", "campaign-list");
        try (ConfigurableApplicationContext app = BenchAccess.start(true, "--outreach.dispatch.enabled=false",
                "--outreach.cadence.tick-enabled=false", "--outreach.agents.recontact-agent=false",
                "--outreach.simulator.enabled=false", "--outreach.llm.base-url=")) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            CampaignStatsService stats = app.getBean(CampaignStatsService.class);
            ReplyMetrics replies = app.getBean(ReplyMetrics.class);
            CampaignService campaigns = app.getBean(CampaignService.class);
            long started = System.nanoTime();
            long big = generate(jdbc);
            String data = String.format(Locale.ROOT,
                    "data: %d campaigns; the large one %,d enrollments and %,d messages; %,d messages in all; generated in %.1f s",
                    CAMPAIGNS, count(jdbc, "select count(*) from enrollment where campaign_id = " + big),
                    count(jdbc, "select count(*) from outreach_message m join enrollment e on e.id = m.enrollment_id where e.campaign_id = " + big),
                    count(jdbc, "select count(*) from outreach_message"), (System.nanoTime() - started) / 1e9);
            System.out.println(data);
            if (which.contains("campaign-overview")) {
                overview(jdbc, stats, replies, big, data, results);
            }
            if (which.contains("campaign-list")) {
                list(jdbc, stats, campaigns, data, results);
            }
        }
    }

    private static void overview(JdbcClient jdbc, CampaignStatsService stats, ReplyMetrics replies, long big, String data,
            Path results) throws Exception {
        List<String> lines = new ArrayList<>(List.of(data));
        CampaignOverview shown = SystemActor.call(() -> stats.overview(big));
        lines.add("overview: " + shown.total() + "; waiting " + shown.waitingReasons());
        lines.add("reply rates: " + SystemActor.call(() -> replies.ofCampaign(big, shown)).total());
        double app = median(() -> SystemActor.call(() -> stats.overview(big)));
        // what the overview tab reads: the overview, then the reply rates over its funnels
        double withReplies = median(() -> SystemActor.call(() -> replies.ofCampaign(big, stats.overview(big))));
        String now = "'" + Instant.now() + "'::timestamptz";
        String id = String.valueOf(big);
        String sql = String.join(";\n",
                CampaignStatsQueries.BY_TOUCH_AND_CHANNEL.replace(":campaignId", id).strip(),
                CampaignStatsQueries.TOTAL.replace(":campaignId", id).strip(),
                CampaignStatsQueries.PENDING_TOUCHES.replace(":campaignId", id).replace(":now", now).strip(),
                // the tick's due select for the campaign, its guards left out (nothing is due: no row reaches them)
                ("select e.id from enrollment e where e.campaign_id = " + id + " and e.status in ('COLD', 'ACTIVE')"
                        + " and e.next_touch_due_at <= " + now + " order by e.next_touch_due_at fetch first 5000 rows only"),
                ("select status_reason, count(*) from outreach_message where status in ('PENDING', 'DRAFTING')"
                        + " and enrollment_id in (select e.id from enrollment e where e.campaign_id = " + id + ")"
                        + " group by status_reason")) + ";\n";
        double psql = median(() -> TickBenchmark.timedMillis(sql));
        double psqlWithReplies = median(() -> TickBenchmark.timedMillis(sql + ReplyMetricsSql.forCampaign(big)));
        lines.add(String.format(Locale.ROOT, "campaign overview, 200k enrollments and 1M messages: app %8.1f ms, psql %8.1f ms: %.2fx (ceiling 2x)",
                app, psql, app / psql));
        lines.add(String.format(Locale.ROOT, "the same with its reply rates (the overview tab): app %8.1f ms, psql %8.1f ms: %.2fx (ceiling 2x);"
                + " the reply rates add %.1f ms to the app, %.1f ms to psql", withReplies, psqlWithReplies,
                withReplies / psqlWithReplies, withReplies - app, psqlWithReplies - psql));
        lines.add(app / psql <= 2 && withReplies / psqlWithReplies <= 2 ? "PASS" : "FAIL");
        lines.forEach(System.out::println);
        Files.write(results.resolve("campaign-overview.txt"), lines, StandardCharsets.UTF_8);
    }

    private static void list(JdbcClient jdbc, CampaignStatsService stats, CampaignService campaigns, String data,
            Path results) throws Exception {
        List<String> lines = new ArrayList<>(List.of(data));
        List<Long> page = SystemActor.call(() -> campaigns.findAll().stream().limit(PAGE).map(CampaignSummary::id).toList());
        double app = median(() -> SystemActor.call(() -> {
            List<CampaignSummary> all = campaigns.findAll();
            return stats.figures(all.stream().limit(PAGE).map(CampaignSummary::id).toList());
        }));
        String ids = page.stream().map(String::valueOf).collect(Collectors.joining(", "));
        String sql = "select id, name, status, default_time_zone from campaign order by name;\n"
                + CampaignStatsQueries.LIST.replace(":campaignIds", ids).strip() + ";\n";
        double psql = median(() -> TickBenchmark.timedMillis(sql));
        lines.add(String.format(Locale.ROOT, "campaigns list, %d campaigns, first page of %d (the large one on it): app %8.1f ms, psql %8.1f ms: %.2fx (ceiling 2x)",
                CAMPAIGNS, PAGE, app, psql, app / psql));
        lines.add(app / psql <= 2 ? "PASS" : "FAIL");
        lines.forEach(System.out::println);
        Files.write(results.resolve("campaign-list.txt"), lines, StandardCharsets.UTF_8);
    }

    /** The data; returns the large campaign's id. */
    private static long generate(JdbcClient jdbc) throws Exception {
        jdbc.sql("""
                insert into lead (first_name, company, email, email_normalized, status, created_at, updated_at)
                select 'Lead' || g, 'Company ' || g, 'lead' || g || '@bench.example', 'lead' || g || '@bench.example',
                    'CONTACTED', now(), now()
                from generate_series(1, :n) g
                """).param("n", LEADS).update();
        jdbc.sql("""
                insert into campaign (name, status, default_time_zone, created_at, updated_at)
                select 'Bench campaign ' || lpad(g::text, 3, '0'), 'ACTIVE', 'America/New_York', now(), now()
                from generate_series(1, :n) g
                """).param("n", CAMPAIGNS - 1).update();
        jdbc.sql("""
                insert into campaign (name, status, default_time_zone, created_at, updated_at)
                values ('Bench campaign 000', 'ACTIVE', 'America/New_York', now(), now())
                """).update();
        long big = jdbc.sql("select id from campaign where name = 'Bench campaign 000'").query(Long.class).single();
        jdbc.sql("""
                insert into enrollment (lead_id, campaign_id, outreach_sequence_step, status, last_email_sent_at,
                    next_touch_due_at, created_at, updated_at)
                select l.id, :big, :touches, 'ACTIVE', now() - interval '1 day', now() + interval '2 days', now(), now()
                from lead l
                """).param("big", big).param("touches", TOUCHES).update();
        jdbc.sql("""
                insert into enrollment (lead_id, campaign_id, outreach_sequence_step, status, last_email_sent_at,
                    next_touch_due_at, created_at, updated_at)
                select l.id, c.id, 1, 'ACTIVE', now() - interval '1 day', now() + interval '2 days', now(), now()
                from campaign c join lead l on l.id <= :small
                where c.id <> :big
                """).param("big", big).param("small", SMALL).update();
        // the large campaign: 5 touches per enrollment over 30 days; shares by a hash of the row
        jdbc.sql("""
                insert into outreach_message (id, lead_id, enrollment_id, touch, message_type, channel_used, subject, body,
                    status, due_at, sent_at, delivered_at, first_opened_at, first_human_opened_at, open_count,
                    human_open_count, clicked_at, replied_at, first_channel, created_at, updated_at)
                select gen_random_uuid(), e.lead_id, e.id, t, 'follow_up', case when h % 10 = 0 then 'LINKEDIN' else 'EMAIL' end,
                    'Subject', 'Body',
                    case when h % 50 = 1 then 'BOUNCED' when h % 33 = 2 then 'REPLIED' when h % 10 < 8 then 'DELIVERED' else 'SENT' end,
                    s, s, case when h % 10 < 8 and h % 50 <> 1 then s + interval '1 minute' end,
                    case when h % 10 < 4 then s + interval '1 hour' end, case when h % 10 < 2 then s + interval '2 hours' end,
                    case when h % 10 < 4 then 1 else 0 end, case when h % 10 < 2 then 1 else 0 end,
                    case when h % 20 = 0 then s + interval '3 hours' end, case when h % 33 = 2 then s + interval '1 day' end,
                    'EMAIL', s, s
                from (select e.*, t, abs(hashtext(e.id::text || '-' || t)) as h,
                             now() - (30 - t * 6) * interval '1 day' + (e.id % 1000) * interval '1 minute' as s
                      from enrollment e cross join generate_series(0, :last) t where e.campaign_id = :big) e
                """).param("big", big).param("last", TOUCHES - 1).update();
        jdbc.sql("""
                insert into outreach_message (id, lead_id, enrollment_id, touch, message_type, channel_used, subject, body,
                    status, due_at, sent_at, delivered_at, first_channel, created_at, updated_at)
                select gen_random_uuid(), e.lead_id, e.id, 0, 'initial', 'EMAIL', 'Subject', 'Body', 'DELIVERED',
                    now() - interval '1 day', now() - interval '1 day', now() - interval '1 day', 'EMAIL',
                    now() - interval '1 day', now() - interval '1 day'
                from enrollment e where e.campaign_id <> :big
                """).param("big", big).update();
        // events: an open event for each opened message, an unsubscribe for 1 in 200
        jdbc.sql("""
                insert into email_event (provider, provider_event_id, event_type, message_id, occurred_at, received_at, machine)
                select 'bench', m.id::text || '-open', 'OPENED', m.id, m.first_opened_at, m.first_opened_at,
                    m.first_human_opened_at is null
                from outreach_message m where m.first_opened_at is not null
                """).update();
        jdbc.sql("""
                insert into email_event (provider, provider_event_id, event_type, message_id, occurred_at, received_at)
                select 'bench', m.id::text || '-unsubscribe', 'UNSUBSCRIBED', m.id, m.sent_at, m.sent_at
                from outreach_message m where abs(hashtext(m.id::text)) % 200 = 0
                """).update();
        // every reply on the timeline, as read from a mailbox, labelled: 3 in 10 interested, 1 a meeting request,
        // 3 not interested, 3 out of office
        jdbc.sql("""
                insert into email_reply (message_id, lead_id, header_message_id, from_address, subject, excerpt, received_at,
                    written_at, kind)
                select m.id, m.lead_id, '<' || m.id || '@reply.bench>', 'lead@bench.example', 'Re: Subject', 'Reply',
                    m.replied_at, m.replied_at, 'REPLY'
                from outreach_message m where m.replied_at is not null
                """).update();
        jdbc.sql("""
                insert into reply_intent (reply_id, lead_id, label, source, confidence, reason, machine_label, machine_source,
                    model_pending, classified_at, updated_at, announced_at)
                select id, lead_id, label, 'RULE', 0.9, 'bench', label, 'RULE', false, received_at, received_at, received_at
                from (select r.id, r.lead_id, r.received_at, case when h < 3 then 'INTERESTED' when h = 3 then 'MEETING_REQUEST'
                          when h < 7 then 'NOT_INTERESTED' else 'OUT_OF_OFFICE' end as label
                      from (select r.*, abs(hashtext(r.header_message_id)) % 10 as h from email_reply r) r) labelled
                """).update();
        TickBenchmark.run("vacuum analyze lead; vacuum analyze campaign; vacuum analyze enrollment;"
                + " vacuum analyze outreach_message; vacuum analyze email_event; vacuum analyze email_reply;"
                + " vacuum analyze reply_intent;");
        return big;
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    interface Work {
        Object run() throws Exception;
    }

    /** Milliseconds: the median of {@link #RUNS} runs after a warm-up; a psql run reports its own time. */
    private static double median(Work work) throws Exception {
        work.run();
        double[] times = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            Object result = work.run();
            times[i] = result instanceof Double psql ? psql : (System.nanoTime() - start) / 1e6;
        }
        return BenchAccess.median(times);
    }
}
