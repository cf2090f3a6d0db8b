package dev.outreach.outreach;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Messages waiting in the outbox, grouped by why: their text still being written (DRAFTING, which
 * the dispatcher does not send), a rate limit, no healthy mailbox, a retry, an operator task, or
 * simply not due yet. Reasons carry details (a counter key, a mailbox); the
 * grouping keeps their words and drops what is in parentheses.
 */
@Service
public class WaitingMessages {

    /** The reason of a touch the tick released before its text was written (the LLM writer's draft is pending). */
    static final String DRAFTING = "Waiting for its text to be written (draft pending)";

    /** One reason and how many PENDING or DRAFTING messages wait for it. */
    public record Reason(String reason, long messages) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    WaitingMessages(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public List<Reason> reasons() {
        return reasons(null);
    }

    /**
     * The same for one campaign's messages (those of its enrollments, through
     * ix_enrollment_campaign_lead and ix_outreach_message_enrollment); null: every message.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public List<Reason> reasons(Long campaignId) {
        Instant now = clock.instant();
        Map<String, Long> grouped = new LinkedHashMap<>();
        String campaign = campaignId == null ? ""
                : " and enrollment_id in (select e.id from enrollment e where e.campaign_id = :campaignId)";
        var statement = jdbc.sql("""
                select status_reason, drafting, task, due, count(*) as messages
                from (select status_reason, case when status = 'DRAFTING' then 1 else 0 end as drafting,
                             case when waiting_for = 'campaign-paused' then 2
                                  when waiting_for is not null then 1 else 0 end as task,
                             case when due_at <= :now then 1 else 0 end as due
                      from outreach_message where status in ('PENDING', 'DRAFTING')%s) waiting
                group by status_reason, drafting, task, due
                """.formatted(campaign)).param("now", Timestamp.from(now));
        if (campaignId != null) {
            statement = statement.param("campaignId", campaignId);
        }
        statement.query((rs, n) -> {
                    String reason = rs.getInt("drafting") == 1 ? DRAFTING
                            : rs.getInt("task") == 2 ? "Held: its campaign is paused"
                            : rs.getInt("task") == 1 ? "Waiting for an operator task"
                            : rs.getString("status_reason") != null ? group(rs.getString("status_reason"))
                            : rs.getInt("due") == 1 ? "Due: the dispatcher picks it up at its next poll"
                            : "Scheduled for later";
                    grouped.merge(reason, rs.getLong("messages"), Long::sum);
                    return null;
                }).list();
        return grouped.entrySet().stream().map(e -> new Reason(e.getKey(), e.getValue()))
                .sorted((a, b) -> Long.compare(b.messages(), a.messages())).toList();
    }

    static String group(String reason) {
        String words = reason.replaceAll("\\s*\\([^)]*\\)", "").replaceAll(":.*$", "").strip();
        return words.isEmpty() ? reason : words;
    }
}
