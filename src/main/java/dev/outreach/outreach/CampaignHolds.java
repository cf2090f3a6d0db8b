package dev.outreach.outreach;

import dev.outreach.campaign.CampaignPaused;
import dev.outreach.campaign.CampaignResumed;
import dev.outreach.campaign.CampaignSchedule;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A paused campaign's outbox: its PENDING messages are held ({@code waiting_for} = {@link #HELD},
 * which the dispatcher's claim passes over: not sent, not lost) in the transaction that pauses it,
 * and released in the one that resumes it. A released message whose send window passed while it
 * was held goes at the window's next opening, in the lead's zone, else the campaign's.
 * The campaign's messages are those of its enrollments (ix_enrollment_campaign_lead).
 */
@Component
class CampaignHolds {

    static final String HELD = "campaign-paused";

    private final JdbcClient jdbc;
    private final Clock clock;

    CampaignHolds(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener
    void on(CampaignPaused paused) {
        jdbc.sql("""
                update outreach_message set waiting_for = :held, updated_at = :now
                where status = 'PENDING' and waiting_for is null
                  and enrollment_id in (select e.id from enrollment e where e.campaign_id = :campaign)
                """).param("held", HELD).param("now", Timestamp.from(clock.instant()))
                .param("campaign", paused.campaignId()).update();
    }

    @EventListener
    void on(CampaignResumed resumed) {
        Instant now = clock.instant();
        CampaignSchedule schedule = resumed.schedule();
        Map<Instant, List<UUID>> dueAt = new TreeMap<>();
        jdbc.sql("""
                select m.id, m.due_at, l.time_zone from outreach_message m join lead l on l.id = m.lead_id
                where m.waiting_for = :held and m.status = 'PENDING'
                  and m.enrollment_id in (select e.id from enrollment e where e.campaign_id = :campaign)
                """).param("held", HELD).param("campaign", resumed.campaignId()).query((rs, n) -> {
                    Instant due = rs.getTimestamp(2).toInstant();
                    Instant at = due.isAfter(now) ? due : schedule.nextOpening(now, schedule.zoneFor(rs.getString(3)));
                    return dueAt.computeIfAbsent(at, k -> new ArrayList<>()).add(rs.getObject(1, UUID.class));
                }).list();
        dueAt.forEach((at, ids) -> jdbc.sql("""
                update outreach_message set waiting_for = null, due_at = :due, updated_at = :now
                where id in (:ids) and waiting_for = :held
                """).param("due", Timestamp.from(at)).param("now", Timestamp.from(now)).param("ids", ids)
                .param("held", HELD).update());
    }
}
