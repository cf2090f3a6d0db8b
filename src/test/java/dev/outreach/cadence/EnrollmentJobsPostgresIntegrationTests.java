package dev.outreach.cadence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.campaign.CampaignService;
import dev.outreach.lead.Grade;
import dev.outreach.lead.LeadFilter;
import dev.outreach.security.SystemActor;
import dev.outreach.support.PostgresIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Adding every lead of a grid filter on PostgreSQL: a few thousand leads in chunks of 500, the
 * progress reaching the total, the counts, a re-run adding nothing, and a job cut short (its
 * instance gone) that says so and that a re-run completes.
 */
@TestPropertySource(properties = "outreach.enrollment-jobs.chunk-size=500")
class EnrollmentJobsPostgresIntegrationTests extends PostgresIntegrationTest {

    static final int MATCHING = 3_000;
    static final int UNSUBSCRIBED = 7;

    @Autowired
    EnrollmentJobs jobs;
    @Autowired
    CampaignService campaigns;
    @Autowired
    JdbcClient jdbc;

    @Test
    void everyLeadOfTheFilterIsAddedInChunksAndARerunAddsOnlyWhatIsMissing() throws InterruptedException {
        String tag = "job" + Long.toString(System.nanoTime(), 36);
        // grade B and the tag match; grade C with the tag and grade B without it do not
        jdbc.sql("""
                insert into lead (first_name, company, email, email_normalized, search_text, grade, status, created_at, updated_at)
                select 'Lead' || g, 'Company ' || g, 'l' || g || '@' || :tag || '.example.com', 'l' || g || '@' || :tag || '.example.com',
                    'lead' || g || ' ' || :tag, case when g <= :n then 'B' else 'C' end,
                    case when g <= :unsub then 'UNSUBSCRIBED' else 'NEW' end, now(), now()
                from generate_series(1, :n + 300) g
                """).param("tag", tag).param("n", MATCHING).param("unsub", UNSUBSCRIBED).update();
        long campaign = SystemActor.call(() -> campaigns.create("Job " + tag, null, "America/Chicago")).id();
        LeadFilter filter = LeadFilter.all().withText(tag).withGrade(Grade.B);

        EnrollmentJobProgress first = finished(SystemActor.call(() -> jobs.startByFilter(campaign, filter)));

        assertThat(first.error()).isNull();
        assertThat(first.total()).isEqualTo(MATCHING);
        assertThat(first.done()).isEqualTo(MATCHING);
        assertThat(first.result()).isEqualTo(new EnrollResult(MATCHING - UNSUBSCRIBED, 0, 0, UNSUBSCRIBED));
        assertThat(enrolled(campaign)).isEqualTo(MATCHING - UNSUBSCRIBED);

        EnrollmentJobProgress again = finished(SystemActor.call(() -> jobs.startByFilter(campaign, filter)));

        assertThat(again.result()).isEqualTo(new EnrollResult(0, MATCHING - UNSUBSCRIBED, 0, UNSUBSCRIBED));
        assertThat(enrolled(campaign)).isEqualTo(MATCHING - UNSUBSCRIBED);

        // a job whose instance died after its first chunks: the row stays RUNNING, its heartbeat old
        int gone = jdbc.sql("""
                delete from enrollment where campaign_id = :c and lead_id > (
                    select min(lead_id) + 1200 from enrollment where campaign_id = :c)
                """).param("c", campaign).update();
        UUID cut = again.id();
        jdbc.sql("update enrollment_job set status = 'RUNNING', finished_at = null, heartbeat_at = now() - interval '1 hour'"
                + " where id = :id").param("id", cut).update();

        EnrollmentJobProgress interrupted = SystemActor.call(() -> jobs.progress(cut));
        assertThat(interrupted.finished()).isTrue();
        assertThat(interrupted.error()).startsWith("Interrupted after " + MATCHING + " of " + MATCHING + " leads")
                .contains("add the same filter again to add the rest");

        EnrollmentJobProgress rerun = finished(SystemActor.call(() -> jobs.startByFilter(campaign, filter)));

        assertThat(gone).isPositive();
        assertThat(rerun.result().added()).isEqualTo(gone);
        assertThat(rerun.result().alreadyIn()).isEqualTo(MATCHING - UNSUBSCRIBED - gone);
        assertThat(enrolled(campaign)).isEqualTo(MATCHING - UNSUBSCRIBED);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'enrollment.enroll' and entity_id = :c")
                .param("c", String.valueOf(campaign)).query(Integer.class).single()).isEqualTo(3);
    }

    private EnrollmentJobProgress finished(UUID job) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        EnrollmentJobProgress progress = SystemActor.call(() -> jobs.progress(job));
        long lastDone = -1;
        while (!progress.finished() && System.nanoTime() < deadline) {
            assertThat(progress.done()).as("progress never goes back").isGreaterThanOrEqualTo(lastDone)
                    .isLessThanOrEqualTo(progress.total());
            lastDone = progress.done();
            Thread.sleep(20);
            progress = SystemActor.call(() -> jobs.progress(job));
        }
        assertThat(progress.finished()).as("job finished within a minute").isTrue();
        return progress;
    }

    private int enrolled(long campaign) {
        return jdbc.sql("select count(*) from enrollment where campaign_id = :c").param("c", campaign)
                .query(Integer.class).single();
    }
}
