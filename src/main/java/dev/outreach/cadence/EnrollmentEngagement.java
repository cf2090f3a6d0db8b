package dev.outreach.cadence;

import dev.outreach.outreach.EngagementRecorded;
import dev.outreach.outreach.EngagementRecorded.Entry;
import dev.outreach.outreach.EngagementRecorded.Kind;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a message's engagement does to its enrollment: open counts and times, the last click,
 * a reply (REPLIED, which stops the cadence) and an unsubscribe (the enrollment's flag). A
 * synchronous listener, in the ingesting transaction (counts are not idempotent: the event row's
 * unique key makes the transaction happen once), one JDBC batch per statement shape.
 */
@Component
class EnrollmentEngagement {

    /**
     * The enrollment's open counts; its last-open times move only with a message's first open
     * (of any kind, for the record) and its first human open (what the cadence reads).
     */
    private static final String OPENED = """
            update enrollment set email_open_count = email_open_count + 1,
                email_human_open_count = email_human_open_count + :human,
                last_email_opened_at = case when :first then :at else last_email_opened_at end,
                last_email_human_opened_at = case when :firstHuman then :at else last_email_human_opened_at end,
                updated_at = :at
            where id = :id
            """;
    private static final String CLICKED = """
            update enrollment set last_email_clicked_at = :at, updated_at = :at where id = :id
            """;
    private static final String REPLIED = """
            update enrollment set last_email_replied_at = :at, status = 'REPLIED', updated_at = :at where id = :id
            """;
    private static final String UNSUBSCRIBED = """
            update enrollment set email_unsubscribed = true, updated_at = :at where id = :id and not email_unsubscribed
            """;
    /** Only when the retracted click is the last one: the message's clicks were taken back first. */
    private static final String CLICK_RETRACTED = """
            update enrollment e set last_email_clicked_at = (
                select max(m.clicked_at) from outreach_message m
                where m.enrollment_id = e.id and (e.cycle_reset_at is null or m.clicked_at >= e.cycle_reset_at)),
                updated_at = current_timestamp
            where e.id = :id and e.last_email_clicked_at = :at
            """;
    private static final Map<Kind, String> STATEMENTS = Map.of(Kind.OPENED, OPENED, Kind.CLICKED, CLICKED,
            Kind.REPLIED, REPLIED, Kind.UNSUBSCRIBED, UNSUBSCRIBED, Kind.CLICK_RETRACTED, CLICK_RETRACTED);

    private final NamedParameterJdbcTemplate batch;
    private final CompanyStops companyStops;

    EnrollmentEngagement(NamedParameterJdbcTemplate batch, CompanyStops companyStops) {
        this.batch = batch;
        this.companyStops = companyStops;
    }

    /** In the order of the entries within each kind; the kinds touch different columns. */
    @EventListener
    @Transactional
    void on(EngagementRecorded event) {
        for (Kind kind : Kind.values()) {
            List<SqlParameterSource> params = event.entries().stream().filter(e -> e.kind() == kind)
                    .map((Function<Entry, SqlParameterSource>) EnrollmentEngagement::params).toList();
            if (!params.isEmpty()) {
                batch.batchUpdate(STATEMENTS.get(kind), params.toArray(SqlParameterSource[]::new));
            }
        }
        // the one place a reply stops enrollments: the company rule goes with it
        List<Entry> replies = event.entries().stream().filter(e -> e.kind() == Kind.REPLIED).toList();
        if (!replies.isEmpty()) {
            companyStops.companyReplied(replies.stream().map(Entry::enrollmentId).distinct().toList(),
                    replies.getLast().at());
        }
    }

    private static SqlParameterSource params(Entry e) {
        return new MapSqlParameterSource().addValue("id", e.enrollmentId()).addValue("at", Timestamp.from(e.at()))
                .addValue("human", e.human() ? 1 : 0).addValue("first", e.firstOpen())
                .addValue("firstHuman", e.firstHumanOpen());
    }
}
