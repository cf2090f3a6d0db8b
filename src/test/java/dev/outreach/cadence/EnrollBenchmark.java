package dev.outreach.cadence;

import dev.outreach.bench.BenchAccess;
import dev.outreach.campaign.CampaignService;
import dev.outreach.lead.Grade;
import dev.outreach.lead.LeadFilter;
import dev.outreach.security.SystemActor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Benchmark, not a test (run by {@code bench/run.sh enroll}): adding every lead of a grid filter
 * to a campaign with {@link EnrollmentJobs} on PostgreSQL against a ceiling measured in the same
 * run.
 *
 * <p>Data (generated with {@code generate_series}): 300k leads, every third one grade A (100k,
 * spread over the whole id range, so the job's chunks walk all 300k); the other 200k are enrolled
 * in another campaign. Ceiling: psql running the bare {@code INSERT ... SELECT} of the 100k grade-A
 * leads into the campaign (statement and commit, psql's \\timing); the same with the enrollment
 * rules' verdict is reported too. Then the job from its start to its last chunk committed, as
 * {@link EnrollmentJobs#progress} reports it: at most 2x the bare INSERT.
 */
public final class EnrollBenchmark {

    static final int LEADS = Integer.getInteger("bench.leads", 300_000);

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args.length > 0 ? args[0] : "bench/results");
        Files.createDirectories(results);
        List<String> lines = new ArrayList<>();
        try (ConfigurableApplicationContext app = BenchAccess.start(true, "--outreach.dispatch.enabled=false",
                "--outreach.cadence.tick-enabled=false", "--outreach.simulator.enabled=false",
                "--outreach.imap.enabled=false")) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            EnrollmentJobs jobs = app.getBean(EnrollmentJobs.class);
            CampaignService campaigns = app.getBean(CampaignService.class);
            long started = System.nanoTime();
            long campaign = SystemActor.call(() -> campaigns.create("Bench enroll", null, "America/Chicago")).id();
            long other = SystemActor.call(() -> campaigns.create("Bench other", null, "America/Chicago")).id();
            generate(jdbc, other);
            long matching = jdbc.sql("select count(*) from lead where grade = 'A'").query(Long.class).single();
            lines.add(String.format(Locale.ROOT, "data: %,d leads, %,d grade A, the other %,d enrolled elsewhere; generated in %.1f s",
                    LEADS, matching, LEADS - matching, (System.nanoTime() - started) / 1e9));

            double bare = psql(campaign, "l.grade = 'A'");
            check(jdbc, campaign, matching, "bare psql");
            clear(jdbc, campaign);
            double equivalent = psql(campaign, "l.grade = 'A' and " + EnrollmentRules.verdict(campaign, false)
                    + " = '" + EnrollmentRules.ADD + "'");
            check(jdbc, campaign, matching, "psql with the rules");
            clear(jdbc, campaign);

            long start = System.nanoTime();
            UUID job = SystemActor.call(() -> jobs.startByFilter(campaign, LeadFilter.all().withGrade(Grade.A)));
            EnrollmentJobProgress progress = SystemActor.call(() -> jobs.progress(job));
            while (!progress.finished()) {
                Thread.sleep(5);
                progress = SystemActor.call(() -> jobs.progress(job));
            }
            double worked = (System.nanoTime() - start) / 1e6;
            if (!progress.succeeded() || progress.result().added() != matching || progress.done() != matching) {
                throw new IllegalStateException("the job ended with " + progress);
            }
            check(jdbc, campaign, matching, "job");

            lines.add(String.format(Locale.ROOT, "psql, bare INSERT ... SELECT of the %,d grade-A leads:            %8.0f ms",
                    matching, bare));
            lines.add(String.format(Locale.ROOT, "psql, the same INSERT with the enrollment rules' verdict:      %8.0f ms",
                    equivalent));
            lines.add(String.format(Locale.ROOT, "EnrollmentJobs.startByFilter to finished, chunks of %,d:      %8.0f ms"
                    + "  (%.2fx the bare INSERT, ceiling 2x; %.2fx the one with the rules)",
                    app.getEnvironment().getProperty("outreach.enrollment-jobs.chunk-size", Integer.class, 5000), worked,
                    worked / bare, worked / equivalent));
            lines.add(worked / bare <= 2 ? "PASS" : "FAIL");
        }
        lines.forEach(System.out::println);
        Files.write(results.resolve("enroll.txt"), lines, StandardCharsets.UTF_8);
    }

    private static void generate(JdbcClient jdbc, long other) throws Exception {
        jdbc.sql("""
                insert into lead (first_name, company, email, email_normalized, search_text, grade, status, created_at, updated_at)
                select 'Lead' || g, 'Company ' || g, 'lead' || g || '@bench.example', 'lead' || g || '@bench.example',
                    'lead' || g || ' company ' || g, case when g % 3 = 0 then 'A' else 'C' end, 'NEW', now(), now()
                from generate_series(1, :n) g
                """).param("n", LEADS).update();
        jdbc.sql("""
                insert into enrollment (lead_id, campaign_id, outreach_sequence_step, status, next_touch_due_at, created_at, updated_at)
                select id, :other, 1, 'ACTIVE', now() + interval '1 day', now(), now() from lead where grade <> 'A'
                """).param("other", other).update();
        vacuum();
    }

    private static double psql(long campaign, String where) throws Exception {
        return TickBenchmark.timedMillis("""
                begin;
                insert into enrollment (lead_id, campaign_id, outreach_sequence_step, status, next_touch_due_at,
                    created_at, updated_at)
                select l.id, %d, 0, 'COLD', now(), now(), now() from lead l where %s
                on conflict do nothing;
                commit;
                """.formatted(campaign, where.replace(":campaign", Long.toString(campaign))));
    }

    private static void check(JdbcClient jdbc, long campaign, long expected, String what) {
        long enrolled = jdbc.sql("select count(*) from enrollment where campaign_id = :c and status = 'COLD'")
                .param("c", campaign).query(Long.class).single();
        if (enrolled != expected) {
            throw new IllegalStateException(what + ": " + enrolled + " enrolled, expected " + expected);
        }
    }

    private static void clear(JdbcClient jdbc, long campaign) throws Exception {
        jdbc.sql("delete from enrollment where campaign_id = :c").param("c", campaign).update();
        vacuum();
    }

    private static void vacuum() throws Exception {
        TickBenchmark.run("vacuum analyze lead; vacuum analyze enrollment;");
    }
}
