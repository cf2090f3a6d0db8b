package dev.outreach.cadence;

import dev.outreach.campaign.CampaignService;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.JobRuns;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Hourly: an ACTIVE campaign whose enrollments are all finished (none COLD or ACTIVE) and none of
 * which may still be re-contacted (CONTACTED below the campaign's cycle cap, never replied, not
 * unsubscribed) is COMPLETED. A campaign without any enrollment is left alone.
 */
@Service
public class CampaignCompletion {

    private final JdbcClient jdbc;
    private final CampaignService campaigns;
    private final JobRuns jobs;

    CampaignCompletion(JdbcClient jdbc, CampaignService campaigns, JobRuns jobs) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.jobs = jobs;
    }

    @Scheduled(cron = "${outreach.cadence.completion-cron:0 15 * * * *}")
    @SchedulerLock(name = "campaign-completion")
    public void scheduled() {
        jobs.call("campaign-completion", this::run);
    }

    /** Completes every finished ACTIVE campaign; returns how many. */
    public int run() {
        List<Long> finished = jdbc.sql("""
                select c.id from campaign c
                where c.status = 'ACTIVE'
                  and exists (select 1 from enrollment e where e.campaign_id = c.id)
                  and not exists (select 1 from enrollment e where e.campaign_id = c.id
                      and (e.status in ('COLD', 'ACTIVE')
                           or (e.status = 'CONTACTED' and e.re_contact_cycle < c.max_recontact_cycles
                               and e.last_email_replied_at is null and not e.email_unsubscribed)))
                """).query(Long.class).list();
        return finished.isEmpty() ? 0 : SystemActor.call(() -> campaigns.complete(finished));
    }
}
