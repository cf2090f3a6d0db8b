package dev.outreach.cadence;

import dev.outreach.campaign.EngineSettingsService;
import dev.outreach.lead.LeadService;
import dev.outreach.lead.LeadStatus;
import dev.outreach.lead.LeadStop;
import dev.outreach.shared.AuditLog;
import dev.outreach.shared.Wording;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A sequence the lead's reply ended, put back by a person: "not now, try me again in March" is
 * snoozed until March, or the sequence is resumed after a reply the operator has handled. The
 * enrollment goes on at its next touch (no touch already sent goes again), due no earlier than the
 * moment asked for; the tick does the rest, applying the follow-up delay, the send window and the
 * engagement gate as for any touch (a reply counts as engagement for the gate). The lead's status
 * goes from REPLIED to CONTACTED through the lead module, which ignores from then on the replies
 * received until now; a new reply ends the sequence again.
 *
 * <p>Ended by a reply means: the enrollment's own reply (status REPLIED), or the tick's stop of the
 * lead's other enrollments on that reply (STOPPED, reason "replied"). Everything else that stops
 * a lead still holds, and is the refusal's reason: unsubscribed, bounced, disqualified, no address
 * or a suppressed one; an enrollment whose campaign is completed, archived or a draft, or that
 * already made every touch, stays ended. The re-opened enrollment keeps its reply time
 * ({@code last_email_replied_at}): the funnel counts the reply, and re-contact never takes a lead
 * who replied into a new cycle.
 */
@Service
@PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
public class RepliedSequences {

    /**
     * What {@link #reopen} did: how many enrollments it re-opened; why the lead may not be contacted
     * again (then nothing changed); why the ended enrollments it could not re-open stay ended.
     */
    public record Reopening(int reopened, Optional<String> leadStopped, List<String> stayEnded) {

        static Reopening none() {
            return new Reopening(0, Optional.empty(), List.of());
        }

        static Reopening refused(String why) {
            return new Reopening(0, Optional.of(why), List.of());
        }
    }

    /** An enrollment the reply ended, with what decides whether it can go on. */
    private record Ended(long id, Long campaignId, String campaignName, String campaignStatus, int step, int touches,
            boolean unsubscribed) {
    }

    private final JdbcClient jdbc;
    private final LeadService leads;
    private final EngineSettingsService settings;
    private final AuditLog auditLog;
    private final Clock clock;

    RepliedSequences(JdbcClient jdbc, LeadService leads, EngineSettingsService settings, AuditLog auditLog, Clock clock) {
        this.jdbc = jdbc;
        this.leads = leads;
        this.settings = settings;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /**
     * Re-opens the lead's enrollments its reply ended, at their next touch, due at {@code dueAt}
     * (now: at once, within the send window), audited with {@code reason}. Changes nothing and says
     * why when the lead may not be contacted again; says why of each ended enrollment that cannot go on.
     */
    @Transactional
    public Reopening reopen(long leadId, Instant dueAt, String reason) {
        List<Long> locked = jdbc.sql("""
                select id from enrollment
                where lead_id = :lead and (status = 'REPLIED' or (status = 'STOPPED' and stopped_reason = :replied))
                order by id for update
                """).param("lead", leadId).param("replied", LeadStop.REPLIED.reason()).query(Long.class).list();
        if (locked.isEmpty()) {
            return Reopening.none();
        }
        Optional<String> leadStop = leadStop(leadId);
        if (leadStop.isPresent()) {
            return Reopening.refused(leadStop.get());
        }
        List<Ended> ended = ended(locked);
        if (ended.stream().anyMatch(Ended::unsubscribed)) {
            return Reopening.refused(LeadStop.UNSUBSCRIBED.sentence());
        }
        int defaultTouches = settings.settings().maxSequenceSteps();
        List<Long> open = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (Ended enrollment : ended) {
            refusal(enrollment, defaultTouches).ifPresentOrElse(refusals::add, () -> open.add(enrollment.id()));
        }
        if (open.isEmpty()) {
            return new Reopening(0, Optional.empty(), List.copyOf(refusals));
        }
        Timestamp now = Timestamp.from(clock.instant());
        int reopened = jdbc.sql("""
                update enrollment set status = case when outreach_sequence_step = 0 then 'COLD' else 'ACTIVE' end,
                    stopped_reason = null, resume_status = null, paused_until = null, paused_reason = null,
                    next_touch_due_at = :due, updated_at = :now
                where id in (:ids)
                """).param("due", Timestamp.from(dueAt)).param("now", now).param("ids", open).update();
        // the replies handled: those until now, and any the mail server or provider dated a little ahead
        Instant repliesUntil = jdbc.sql("select max(last_email_replied_at) from enrollment where lead_id = :lead")
                .param("lead", leadId).query(Timestamp.class).optional().map(Timestamp::toInstant)
                .filter(latest -> latest.isAfter(now.toInstant())).orElse(now.toInstant());
        leads.returnToOutreach(leadId, repliesUntil, reason);
        auditLog.record("enrollment.reopen", "lead", leadId, null, Wording.count(reopened, "enrollment")
                + " re-opened after the reply, next touch due " + dueAt + ": " + reason
                + (refusals.isEmpty() ? "" : " (not re-opened: " + String.join("; ", refusals) + ")"));
        return new Reopening(reopened, Optional.empty(), List.copyOf(refusals));
    }

    /**
     * Why the lead may not be contacted again, besides its reply: its stop (unsubscribed, bounced,
     * disqualified), no address or a suppressed one, as the tick decides it.
     */
    private Optional<String> leadStop(long leadId) {
        // the lead and suppression tables belong to other modules; read here as the tick reads them
        Object[] lead = jdbc.sql("select l.status, case " + TickStore.ADDRESS_STOPS.strip() + " else null end"
                        + " from lead l where l.id = :lead")
                .param("lead", leadId).query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2)}).single();
        Optional<LeadStop> stop = LeadStop.of(LeadStatus.valueOf((String) lead[0])).filter(s -> s != LeadStop.REPLIED);
        if (stop.isPresent()) {
            return Optional.of(stop.get().sentence());
        }
        return Optional.ofNullable((String) lead[1])
                .map(why -> "suppressed".equals(why) ? "The lead's address is suppressed" : "The lead has " + why);
    }

    private List<Ended> ended(List<Long> ids) {
        // campaign_touch belongs to the campaign module: read here as the tick reads campaign plans
        return jdbc.sql("""
                select e.id, e.campaign_id, c.name, c.status, e.outreach_sequence_step, e.email_unsubscribed,
                    (select count(*) from campaign_touch t where t.campaign_id = e.campaign_id) as touches
                from enrollment e left join campaign c on c.id = e.campaign_id
                where e.id in (:ids) order by e.id
                """).param("ids", ids)
                .query((rs, n) -> new Ended(rs.getLong(1), (Long) rs.getObject(2, Long.class), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getInt(7), rs.getBoolean(6)))
                .list();
    }

    /** Why this enrollment cannot go on; empty when it can. */
    private static Optional<String> refusal(Ended enrollment, int defaultTouches) {
        String campaign = enrollment.campaignId() == null ? "the sequence" : "campaign '" + enrollment.campaignName() + "'";
        if (enrollment.campaignId() != null && !List.of("ACTIVE", "PAUSED").contains(enrollment.campaignStatus())) {
            return Optional.of(campaign + " is " + enrollment.campaignStatus().toLowerCase(Locale.ROOT));
        }
        int touches = enrollment.touches() > 0 ? enrollment.touches() : defaultTouches;
        if (enrollment.step() >= touches) {
            return Optional.of("every touch of " + campaign + " already went out");
        }
        return Optional.empty();
    }
}
