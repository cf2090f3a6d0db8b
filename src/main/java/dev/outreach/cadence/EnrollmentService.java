package dev.outreach.cadence;

import dev.outreach.shared.Wording;
import dev.outreach.shared.AuditLog;
import dev.outreach.shared.InvalidInputException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Enrolls leads in a campaign, or unbound (no campaign: the default sequence and time zone):
 * each gets an enrollment at touch 0, status COLD, due now, which the next sequencer tick
 * picks up. Leads without an email address are refused by name; a lead already enrolled in
 * the same campaign (or already unbound) keeps its enrollment untouched.
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
    private final AuditLog auditLog;
    private final Clock clock;

    EnrollmentService(JdbcClient jdbc, AuditLog auditLog, Clock clock) {
        this.jdbc = jdbc;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /**
     * Enrolls the leads; {@code campaignId} null enrolls them unbound. When no lead at all can be
     * enrolled for want of an email address (or because it does not exist), nothing changes and
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
     * Like {@link #enroll}, except that leads it cannot enroll are only listed among the
     * refusals, never an exception, even when that is all of them: for callers inside a larger
     * transaction (an import's), which an exception would roll back whole.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public Result enrollWherePossible(Collection<Long> leadIds, Long campaignId) {
        if (leadIds.isEmpty()) {
            return new Result(0, 0, List.of());
        }
        if (campaignId != null && jdbc.sql("select count(*) from campaign where id = :id").param("id", campaignId)
                .query(Integer.class).single() == 0) {
            throw new InvalidInputException("campaignId", "No campaign with id " + campaignId);
        }
        Instant now = clock.instant();
        List<Long> ids = List.copyOf(new LinkedHashSet<>(leadIds));
        Map<Long, String[]> leads = new TreeMap<>();
        Set<Long> existing = new HashSet<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            jdbc.sql("select id, email, first_name, last_name, company from lead where id in (:ids)").param("ids", chunk)
                    .query((rs, n) -> leads.put(rs.getLong(1), new String[] {rs.getString(2),
                            name(rs.getString(3), rs.getString(4), rs.getString(5))}))
                    .list();
            existing.addAll(jdbc.sql("select lead_id from enrollment where lead_id in (:ids) and "
                            + (campaignId == null ? "campaign_id is null" : "campaign_id = :campaign"))
                    .params(campaignId == null ? Map.of("ids", chunk) : Map.of("ids", chunk, "campaign", campaignId))
                    .query(Long.class).list());
        }
        List<String> refused = new ArrayList<>();
        List<Long> toEnroll = new ArrayList<>();
        int already = 0;
        for (Long id : ids) {
            String[] lead = leads.get(id);
            if (lead == null) {
                refused.add("lead #" + id + " does not exist");
            } else if (lead[0] == null || lead[0].isBlank()) {
                refused.add(lead[1] + " (lead #" + id + ") has no email address");
            } else if (existing.contains(id)) {
                already++;
            } else {
                toEnroll.add(id);
            }
        }
        Timestamp at = Timestamp.from(now);
        // one statement per chunk, not per lead: an import enrolls thousands at a time
        // on conflict: enrolled meanwhile by someone else (the unique lead + campaign), so already enrolled
        int enrolled = 0;
        for (int from = 0; from < toEnroll.size(); from += CHUNK) {
            enrolled += jdbc.sql("""
                    insert into enrollment (lead_id, campaign_id, outreach_sequence_step, status, next_touch_due_at,
                        created_at, updated_at)
                    select id, cast(:campaign as bigint), 0, 'COLD', :now, :now, :now from lead where id in (:ids)
                    on conflict do nothing
                    """).param("ids", toEnroll.subList(from, Math.min(toEnroll.size(), from + CHUNK)))
                    .param("campaign", campaignId).param("now", at).update();
        }
        already += toEnroll.size() - enrolled;
        if (enrolled > 0) {
            auditLog.record("enrollment.enroll", campaignId == null ? "enrollment" : "campaign",
                    campaignId == null ? "unbound" : campaignId, null,
                    Wording.count(enrolled, "lead") + " enrolled: " + abbreviate(toEnroll));
        }
        return new Result(enrolled, already, List.copyOf(refused));
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
