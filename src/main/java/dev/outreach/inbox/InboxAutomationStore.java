package dev.outreach.inbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The tables {@code inbox_automation} (an action per label) and {@code reply_automation} (what was done per reply). */
@Component
class InboxAutomationStore {

    private final JdbcClient jdbc;

    InboxAutomationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<AutomationRule> rules() {
        return jdbc.sql("select label, action, enabled, updated_by, updated_at from inbox_automation")
                .query((rs, n) -> new AutomationRule(IntentLabel.valueOf(rs.getString(1)), AutomaticAction.valueOf(rs.getString(2)),
                        rs.getBoolean(3), rs.getString(4), rs.getTimestamp(5).toInstant()))
                .list().stream().sorted(java.util.Comparator.comparing(AutomationRule::label)).toList();
    }

    Optional<AutomationRule> rule(IntentLabel label) {
        return rules().stream().filter(rule -> rule.label() == label).findFirst();
    }

    void update(IntentLabel label, AutomaticAction action, boolean enabled, String by, Instant at) {
        int updated = jdbc.sql("""
                update inbox_automation set action = :action, enabled = :enabled, updated_by = :by, updated_at = :at
                where label = :label
                """).param("label", label.name()).param("action", action.name()).param("enabled", enabled).param("by", by)
                .param("at", Timestamp.from(at)).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into inbox_automation (label, action, enabled, updated_by, updated_at)
                    values (:label, :action, :enabled, :by, :at)
                    """).param("label", label.name()).param("action", action.name()).param("enabled", enabled)
                    .param("by", by).param("at", Timestamp.from(at)).update();
        }
    }

    /** Claims the reply for its automatic action; false when it had one already (primary key). */
    boolean claim(long replyId, long leadId, IntentLabel label, AutomaticAction action, Instant at) {
        return jdbc.sql("""
                insert into reply_automation (reply_id, lead_id, label, action, outcome, applied_at)
                values (:reply, :lead, :label, :action, 'in progress', :at)
                on conflict do nothing
                """).param("reply", replyId).param("lead", leadId).param("label", label.name())
                .param("action", action.name()).param("at", Timestamp.from(at)).update() == 1;
    }

    void outcome(long replyId, String outcome) {
        jdbc.sql("update reply_automation set outcome = :outcome where reply_id = :reply")
                .param("reply", replyId).param("outcome", outcome.length() > 500 ? outcome.substring(0, 499) + "…" : outcome)
                .update();
    }

    Optional<AppliedAutomation> applied(long replyId) {
        return jdbc.sql("select reply_id, label, action, outcome, applied_at from reply_automation where reply_id = :reply")
                .param("reply", replyId)
                .query((rs, n) -> new AppliedAutomation(rs.getLong(1), IntentLabel.valueOf(rs.getString(2)),
                        AutomaticAction.valueOf(rs.getString(3)), rs.getString(4), rs.getTimestamp(5).toInstant()))
                .optional();
    }
}
