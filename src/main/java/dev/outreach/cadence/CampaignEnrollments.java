package dev.outreach.cadence;

import dev.outreach.shared.InvalidInputException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A campaign's enrollments, page by page, for its Leads tab and the API. Keyset paging by lead id
 * on ix_enrollment_campaign_lead (campaign_id, lead_id): a page costs the same at the end of 200k
 * enrollments as at the start; the cursor is the last lead id of the page.
 */
@Service
public class CampaignEnrollments {

    static final int MAX_PAGE = 500;

    private final JdbcClient jdbc;
    private final Clock clock;

    CampaignEnrollments(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The page after {@code cursor} (null: the first), at most {@code size} rows (1 to 500). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public EnrollmentPage page(long campaignId, EnrollmentQuery query, String cursor, int size) {
        if (size < 1 || size > MAX_PAGE) {
            throw new InvalidInputException("size", "Give a page size of 1 to " + MAX_PAGE);
        }
        long after = after(cursor);
        Map<String, Object> params = new HashMap<>();
        params.put("campaign", campaignId);
        params.put("after", after);
        params.put("limit", size + 1);
        String status = "";
        if (query != null && EnrollmentQuery.PAUSED.equals(query.status())) {
            status = " and e.paused_until > :now";
            params.put("now", Timestamp.from(clock.instant()));
        } else if (query != null && query.status() != null) {
            status = " and e.status = :status";
            params.put("status", query.status());
        }
        Instant now = clock.instant();
        // the lead module owns the columns shown beside each enrollment; read in the page's one query
        List<CampaignEnrollmentRow> rows = new ArrayList<>(jdbc.sql("""
                select e.id, e.lead_id, l.first_name, l.last_name, l.email, l.company, e.outreach_sequence_step, e.status,
                    e.paused_until, e.next_touch_due_at, e.last_email_sent_at, e.last_email_human_opened_at,
                    e.last_email_clicked_at, e.last_email_replied_at, e.stopped_reason, e.updated_at
                from enrollment e join lead l on l.id = e.lead_id
                where e.campaign_id = :campaign and e.lead_id > :after""" + status + """

                order by e.lead_id fetch first :limit rows only
                """).params(params).query((rs, n) -> row(rs, now)).list());
        String next = null;
        if (rows.size() > size) {
            rows.removeLast();
            next = Long.toString(rows.getLast().leadId());
        }
        return new EnrollmentPage(List.copyOf(rows), next);
    }

    private static long after(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(cursor.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("cursor", "Not a cursor this list gave: '" + cursor + "'");
        }
    }

    private static CampaignEnrollmentRow row(ResultSet rs, Instant now) throws SQLException {
        String name = ((nz(rs.getString("first_name")) + " " + nz(rs.getString("last_name"))).strip());
        Instant pausedUntil = instant(rs.getTimestamp("paused_until"));
        String status = rs.getString("status");
        if (pausedUntil != null && pausedUntil.isAfter(now) && ("COLD".equals(status) || "ACTIVE".equals(status))) {
            status = EnrollmentQuery.PAUSED;
        }
        String lastEvent = null;
        Instant lastEventAt = null;
        String[][] events = {{"last_email_sent_at", "sent"}, {"last_email_human_opened_at", "opened"},
                {"last_email_clicked_at", "clicked"}, {"last_email_replied_at", "replied"}};
        for (String[] event : events) {
            Instant at = instant(rs.getTimestamp(event[0]));
            if (at != null && (lastEventAt == null || !at.isBefore(lastEventAt))) {
                lastEvent = event[1];
                lastEventAt = at;
            }
        }
        if ("STOPPED".equals(rs.getString("status"))) {
            lastEvent = "stopped: " + nz(rs.getString("stopped_reason"));
            lastEventAt = instant(rs.getTimestamp("updated_at"));
        }
        return new CampaignEnrollmentRow(rs.getLong("id"), rs.getLong("lead_id"), name.isEmpty() ? nz(rs.getString("company")) : name,
                rs.getString("email"), rs.getString("company"), rs.getInt("outreach_sequence_step"), status,
                instant(rs.getTimestamp("next_touch_due_at")), lastEvent, lastEventAt);
    }

    private static String nz(String text) {
        return text == null ? "" : text;
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}
