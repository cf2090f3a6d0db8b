package dev.outreach.cadence;

import dev.outreach.shared.Wording;
import dev.outreach.outreach.OutboxWithdrawal;
import dev.outreach.shared.AuditLog;
import dev.outreach.shared.InvalidInputException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Leads in and out of campaigns: enrolls them (or unbound: no campaign, the default sequence and
 * time zone) by the campaign's policy ({@link EnrollmentRules}, the same for the grid, an import,
 * the API and a job by filter), each at touch 0, status COLD, due now, which the next sequencer
 * tick picks up; removes, pauses and resumes them. A lead already in the campaign keeps its
 * enrollment untouched.
 */
@Service
public class EnrollmentService {

    /** What an enrollment request did: new enrollments, leads already enrolled, and refusals with their reason. */
    public record Result(int enrolled, int alreadyEnrolled, List<String> refused) {

        private static final int SHOWN_REFUSALS = 5;

        public String summary() {
            String text = enrolled + (enrolled == 1 ? " lead enrolled" : " leads enrolled");
            if (alreadyEnrolled > 0) {
                text += ", " + alreadyEnrolled + " already enrolled";
            }
            if (!refused.isEmpty()) {
                // "all matching the filter" can refuse thousands: a notification names a few and counts the rest
                text += "; not enrolled: " + String.join("; ", refused.subList(0, Math.min(SHOWN_REFUSALS, refused.size())))
                        + (refused.size() > SHOWN_REFUSALS ? "; and " + (refused.size() - SHOWN_REFUSALS) + " more" : "");
            }
            return text;
        }
    }

    private static final int CHUNK = 1000;

    private final JdbcClient jdbc;
    private final EnrollmentRules rules;
    private final AuditLog auditLog;
    private final Clock clock;
    private final OutboxWithdrawal outbox;

    EnrollmentService(JdbcClient jdbc, EnrollmentRules rules, AuditLog auditLog, Clock clock, OutboxWithdrawal outbox) {
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.rules = rules;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /**
     * Adds the leads to the campaign by the campaign's policy ({@link EnrollmentRules}): each lead
     * is counted once as added, already in, skipped for running in another campaign, or skipped
     * as unreachable (which includes ids of no lead). An unknown campaign or no ids at all is an
     * {@link InvalidInputException} and changes nothing.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public EnrollResult enroll(long campaignId, Collection<Long> leadIds) {
        if (leadIds == null || leadIds.isEmpty()) {
            throw new InvalidInputException("leadIds", "Give at least one lead id");
        }
        return enrollIds(leadIds, campaignId);
    }

    /**
     * Enrolls the leads; {@code campaignId} null enrolls them unbound. When no lead at all can be
     * enrolled (no email address, no such lead, unreachable, active elsewhere), nothing changes and
     * the refusal is an {@link InvalidInputException} on {@code leadIds}.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public Result enroll(Collection<Long> leadIds, Long campaignId) {
        if (leadIds == null || leadIds.isEmpty()) {
            throw new InvalidInputException("leadIds", "Select at least one lead to enroll");
        }
        Result result = enrollWherePossible(leadIds, campaignId);
        if (result.enrolled() == 0 && result.alreadyEnrolled() == 0) {
            throw new InvalidInputException("leadIds", "Not enrolled: " + String.join("; ", result.refused()));
        }
        return result;
    }

    /**
     * Like {@link #enroll(Collection, Long)}, except that leads it cannot enroll are only listed among the
     * refusals, never an exception, even when that is all of them: for callers inside a larger
     * transaction (an import's), which an exception would roll back whole. The same rules as
     * every other way in ({@link EnrollmentRules}).
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public Result enrollWherePossible(Collection<Long> leadIds, Long campaignId) {
        if (leadIds.isEmpty()) {
            return new Result(0, 0, List.of());
        }
        List<Long> ids = List.copyOf(new LinkedHashSet<>(leadIds));
        List<String> refused = new ArrayList<>(namedRefusals(ids));
        EnrollResult result = enrollIds(ids, campaignId);
        int otherUnreachable = result.skippedUnreachable() - refused.size();
        if (result.skippedActiveElsewhere() > 0) {
            refused.add(Wording.count(result.skippedActiveElsewhere(), "lead") + " active in another campaign");
        }
        if (otherUnreachable > 0) {
            refused.add(Wording.count(otherUnreachable, "lead") + " unsubscribed, bounced, replied, disqualified or suppressed");
        }
        return new Result(result.added(), result.alreadyIn(), List.copyOf(refused));
    }

    private EnrollResult enrollIds(Collection<Long> leadIds, Long campaignId) {
        if (campaignId != null && jdbc.sql("select count(*) from campaign where id = :id").param("id", campaignId)
                .query(Integer.class).single() == 0) {
            throw new InvalidInputException("campaignId", "No campaign with id " + campaignId);
        }
        List<Long> ids = List.copyOf(new LinkedHashSet<>(leadIds));
        boolean allow = rules.allowsActiveElsewhere(campaignId);
        Instant now = clock.instant();
        EnrollResult result = EnrollResult.NONE;
        // one statement pair per chunk, not per lead: an import enrolls thousands at a time
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            EnrollResult part = rules.enroll(campaignId, allow, "l.id in (:ids)", Map.of("ids", chunk), now, chunk.size());
            int missing = chunk.size() - part.total();
            result = result.plus(part).plus(new EnrollResult(0, 0, 0, missing));
        }
        if (result.added() > 0) {
            auditLog.record("enrollment.enroll", campaignId == null ? "enrollment" : "campaign",
                    campaignId == null ? "unbound" : campaignId, null,
                    Wording.count(result.added(), "lead") + " added of " + abbreviate(ids) + ": " + result.summary());
        }
        return result;
    }

    /** The leads refused by name: ids of no lead, leads without an email address. */
    private List<String> namedRefusals(List<Long> ids) {
        Map<Long, String[]> leads = new TreeMap<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            jdbc.sql("select id, email_normalized, first_name, last_name, company from lead where id in (:ids)")
                    .param("ids", chunk)
                    .query((rs, n) -> leads.put(rs.getLong(1), new String[] {rs.getString(2),
                            name(rs.getString(3), rs.getString(4), rs.getString(5))}))
                    .list();
        }
        List<String> refused = new ArrayList<>();
        for (Long id : ids) {
            String[] lead = leads.get(id);
            if (lead == null) {
                refused.add("lead #" + id + " does not exist");
            } else if (lead[0] == null || lead[0].isBlank()) {
                refused.add(lead[1] + " (lead #" + id + ") has no email address");
            }
        }
        return refused;
    }

    /**
     * Takes the leads out of the campaign: their enrollments go, with the touches still waiting in
     * the outbox (SKIPPED; the messages already sent keep their history, unlinked from it); returns
     * how many were removed. Adding them again later
     * starts them at the first touch.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public int remove(long campaignId, Collection<Long> leadIds) {
        List<Long> ids = requireIds(leadIds);
        int removed = 0;
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            List<Long> enrollments = jdbc.sql("select id from enrollment where campaign_id = :campaign and lead_id in (:ids)")
                    .param("campaign", campaignId).param("ids", chunk).query(Long.class).list();
            // a touch the tick already wrote would still go out: it leaves the outbox with them
            outbox.withdraw(enrollments, "Not sent: the lead was removed from the campaign");
            removed += jdbc.sql("delete from enrollment where campaign_id = :campaign and lead_id in (:ids)")
                    .param("campaign", campaignId).param("ids", chunk).update();
        }
        if (removed > 0) {
            auditLog.record("enrollment.remove", "campaign", campaignId, null,
                    Wording.count(removed, "lead") + " removed: " + abbreviate(ids));
        }
        return removed;
    }

    /**
     * Holds the leads' running (COLD or ACTIVE) enrollments in the campaign until resumed: no
     * touch is due while paused. Returns how many it paused.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public int pauseLeads(long campaignId, Collection<Long> leadIds) {
        return pauseOrResume(campaignId, leadIds, true);
    }

    /** Releases paused enrollments: due now, the tick still applies the follow-up delay and the send window. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public int resumeLeads(long campaignId, Collection<Long> leadIds) {
        return pauseOrResume(campaignId, leadIds, false);
    }

    private int pauseOrResume(long campaignId, Collection<Long> leadIds, boolean pause) {
        List<Long> ids = requireIds(leadIds);
        Timestamp now = Timestamp.from(clock.instant());
        // a manual pause has no end: next_touch_due_at null leaves ix_enrollment_due's due range, paused_until marks it
        String sql = pause ? """
                update enrollment set paused_until = :forever, paused_reason = :reason, next_touch_due_at = null,
                    updated_at = :now
                where campaign_id = :campaign and lead_id in (:ids) and status in ('COLD', 'ACTIVE')
                  and (paused_until is null or paused_until < :forever)
                """ : """
                update enrollment set paused_until = null, paused_reason = null, next_touch_due_at = :now, updated_at = :now
                where campaign_id = :campaign and lead_id in (:ids) and paused_until = :forever
                """;
        int changed = 0;
        for (int from = 0; from < ids.size(); from += CHUNK) {
            changed += jdbc.sql(sql).param("forever", PAUSED_BY_OPERATOR).param("reason", "paused by an operator")
                    .param("now", now).param("campaign", campaignId)
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + CHUNK))).update();
        }
        if (changed > 0) {
            auditLog.record(pause ? "enrollment.pause" : "enrollment.resume", "campaign", campaignId, null,
                    Wording.count(changed, "enrollment") + (pause ? " paused: " : " resumed: ") + abbreviate(ids));
        }
        return changed;
    }

    /** paused_until of a pause by hand, which has no end (an out-of-office pause has its own date). */
    static final Timestamp PAUSED_BY_OPERATOR = Timestamp.from(Instant.parse("9999-12-31T00:00:00Z"));

    private static List<Long> requireIds(Collection<Long> leadIds) {
        if (leadIds == null || leadIds.isEmpty()) {
            throw new InvalidInputException("leadIds", "Give at least one lead id");
        }
        return List.copyOf(new LinkedHashSet<>(leadIds));
    }

    private static String name(String first, String last, String company) {
        String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
        if (name.isEmpty()) {
            name = company == null || company.isBlank() ? "A lead" : company.strip();
        }
        return name;
    }

    private static String abbreviate(List<Long> ids) {
        String text = ids.stream().limit(200).map(String::valueOf).collect(Collectors.joining(","));
        return ids.size() > 200 ? text + ",… (" + ids.size() + " in all)" : text;
    }
}
