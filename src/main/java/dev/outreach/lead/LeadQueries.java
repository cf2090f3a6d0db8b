package dev.outreach.lead;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The leads grid's SQL. Filters are appended only when set (no "param is null or ..." tricks)
 * so that PostgreSQL plans each shape with its index:
 * default sort {@code ix_lead_created}; status {@code ix_lead_status_created}; grade
 * {@code ix_lead_grade_created}; campaign: the campaign's enrollments, {@code ix_enrollment_campaign_lead}
 * (a lead is in a campaign when it is enrolled in it; cadence owns the table, this only reads it); free text
 * {@code ix_lead_search_trgm} (trigram GIN over search_text, PostgreSQL only).
 */
@Component
class LeadQueries {

    static final String ROW_COLUMNS =
            "id, first_name, last_name, email, company, title, industry, city, state, time_zone, grade, status, created_at";

    private final JdbcClient jdbc;
    /** Its own template with a fetch size, so that exports stream instead of loading every row. */
    private final NamedParameterJdbcTemplate exportJdbc;

    LeadQueries(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        JdbcTemplate streaming = new JdbcTemplate(dataSource);
        streaming.setFetchSize(500);
        this.exportJdbc = new NamedParameterJdbcTemplate(streaming);
    }

    List<LeadRow> page(LeadFilter filter, LeadSort sort, boolean descending, int offset, int limit) {
        PageQuery query = pageQuery(filter, sort, descending, offset, limit);
        return jdbc.sql(query.sql()).params(query.params()).query(LeadQueries::row).list();
    }

    /** The grid's page SQL and its parameters; benchmarks and plan tests run exactly this. */
    static PageQuery pageQuery(LeadFilter filter, LeadSort sort, boolean descending, int offset, int limit) {
        Where where = where(filter);
        String sql = "select " + ROW_COLUMNS + " from lead" + where.sql()
                + " order by " + sort.orderBy(descending) + " offset :offset rows fetch next :limit rows only";
        Map<String, Object> params = new HashMap<>(where.params());
        params.put("offset", offset);
        params.put("limit", limit);
        return new PageQuery(sql, params);
    }

    /**
     * The grid's default order (newest first, {@link LeadSort#CREATED} descending) by keyset:
     * the page after {@code after} (from the start when null). Index {@code ix_lead_created}
     * (created_at, id), or the filter's own index as for the grid's pages.
     */
    List<LeadRow> pageAfter(LeadFilter filter, LeadCursor after, int limit) {
        Where where = where(filter);
        Map<String, Object> params = new HashMap<>(where.params());
        String keyset = "";
        if (after != null) {
            keyset = (where.sql().isEmpty() ? " where " : " and ")
                    + "(created_at < :afterCreated or (created_at = :afterCreated and id < :afterId))";
            params.put("afterCreated", java.sql.Timestamp.from(after.createdAt()));
            params.put("afterId", after.id());
        }
        params.put("limit", limit);
        return jdbc.sql("select " + ROW_COLUMNS + " from lead" + where.sql() + keyset
                        + " order by " + LeadSort.CREATED.orderBy(true) + " fetch next :limit rows only")
                .params(params).query(LeadQueries::row).list();
    }

    void markUnsubscribed(long id, java.time.Instant at) {
        jdbc.sql("update lead set status = 'UNSUBSCRIBED', updated_at = :at where id = :id")
                .param("id", id).param("at", java.sql.Timestamp.from(at)).update();
    }

    /**
     * REPLIED for a reply received at {@code at}, unless the lead unsubscribed, was disqualified or
     * already replied, or a person put it back into outreach after replies until {@code at} or later
     * ({@link #returnToOutreach}): that reply was handled. True when it changed.
     */
    boolean markReplied(long id, java.time.Instant at) {
        return jdbc.sql("""
                update lead set status = 'REPLIED', updated_at = :at
                where id = :id and status not in ('REPLIED', 'UNSUBSCRIBED', 'DISQUALIFIED')
                  and (outreach_resumed_at is null or outreach_resumed_at < :at)
                """).param("id", id).param("at", java.sql.Timestamp.from(at)).update() == 1;
    }

    /**
     * Marks the lead put back into outreach at {@code at} after its replies until {@code repliesUntil}:
     * CONTACTED when it was REPLIED. Locks the row; returns the status it had (empty when there is no such lead).
     */
    java.util.Optional<LeadStatus> returnToOutreach(long id, java.time.Instant repliesUntil, java.time.Instant at) {
        java.util.Optional<LeadStatus> before = jdbc.sql("select status from lead where id = :id for update").param("id", id)
                .query((rs, n) -> LeadStatus.valueOf(rs.getString(1))).optional();
        before.ifPresent(status -> jdbc.sql("""
                update lead set outreach_resumed_at = :until, updated_at = :at,
                    status = case when status = 'REPLIED' then 'CONTACTED' else status end
                where id = :id
                """).param("id", id).param("until", java.sql.Timestamp.from(repliesUntil))
                .param("at", java.sql.Timestamp.from(at)).update());
        return before;
    }

    /** Sets a status reached by an email event, unless the lead is in one of {@code keep}; true when it changed. */
    boolean markFromEvent(long id, LeadStatus status, List<String> keep, java.time.Instant at) {
        return jdbc.sql("update lead set status = :status, updated_at = :at where id = :id and status not in (:keep)")
                .param("id", id).param("status", status.name()).param("keep", keep)
                .param("at", java.sql.Timestamp.from(at)).update() == 1;
    }

    /** The lead's outcome; empty when it has none. Locks the row, so that two changes at once are told apart. */
    java.util.Optional<LeadOutcome> outcomeForUpdate(long id) {
        return jdbc.sql("select outcome from lead where id = :id for update").param("id", id)
                .query((rs, n) -> java.util.Optional.ofNullable(rs.getString(1)).map(LeadOutcome::valueOf)).single();
    }

    void setOutcome(long id, LeadOutcome outcome, java.time.Instant at) {
        jdbc.sql("update lead set outcome = :outcome, outcome_at = :at, updated_at = :at where id = :id")
                .param("id", id).param("outcome", outcome.name()).param("at", java.sql.Timestamp.from(at)).update();
    }

    boolean flagEmailChannel(long id, String reason, java.time.Instant at) {
        return jdbc.sql("""
                update lead set email_flag = :reason, email_flagged_at = :at, updated_at = :at
                where id = :id and (email_flag is null or email_flag <> :reason)
                """).param("id", id).param("reason", reason).param("at", java.sql.Timestamp.from(at)).update() == 1;
    }

    /** Clears the flag if it still reads {@code reason} (another may have replaced it meanwhile); true when it did. */
    boolean clearEmailChannelFlag(long id, String reason, java.time.Instant at) {
        return jdbc.sql("""
                update lead set email_flag = null, email_flagged_at = null, updated_at = :at
                where id = :id and email_flag = :reason
                """).param("id", id).param("reason", reason).param("at", java.sql.Timestamp.from(at)).update() == 1;
    }

    java.util.Optional<String> emailChannelFlag(long id) {
        return jdbc.sql("select email_flag from lead where id = :id and email_flag is not null").param("id", id)
                .query(String.class).optional();
    }

    /** Moves the last outreach forward only: a message settled late, or the same one again, never moves it back. */
    /**
     * The lead's last outreach moves forward to {@code at}; a NEW lead becomes CONTACTED. True when
     * it was NEW: the first statement matches only then (once per lead), so the usual send costs
     * the second alone plus a primary-key probe that writes nothing.
     */
    boolean recordOutreach(long id, java.time.Instant at) {
        java.sql.Timestamp when = java.sql.Timestamp.from(at);
        if (jdbc.sql("""
                update lead set status = 'CONTACTED', updated_at = :at,
                    last_outreach_at = case when last_outreach_at is null or last_outreach_at < :at
                        then :at else last_outreach_at end
                where id = :id and status = 'NEW'
                """).param("id", id).param("at", when).update() == 1) {
            return true;
        }
        jdbc.sql("""
                update lead set last_outreach_at = :at, updated_at = :at
                where id = :id and (last_outreach_at is null or last_outreach_at < :at)
                """).param("id", id).param("at", when).update();
        return false;
    }

    /** The page where the lead's contact form was found; the next contact-form touch goes straight there. */
    void recordContactFormUrl(long id, String url, java.time.Instant at) {
        jdbc.sql("update lead set contact_form_url = :url, updated_at = :at where id = :id")
                .param("id", id).param("url", url).param("at", java.sql.Timestamp.from(at)).update();
    }

    int count(LeadFilter filter) {
        Where where = where(filter);
        return jdbc.sql("select count(*) from lead" + where.sql()).params(where.params())
                .query(Integer.class).single();
    }

    /** The ids of every lead matching the filter, oldest first. */
    List<Long> ids(LeadFilter filter) {
        Where where = where(filter);
        return jdbc.sql("select id from lead" + where.sql() + " order by id").params(where.params()).query(Long.class).list();
    }

    /** Deletes every lead matching the filter in one statement (their enrollments and messages cascade). */
    int delete(LeadFilter filter) {
        Where where = where(filter);
        return jdbc.sql("delete from lead" + where.sql()).params(where.params()).update();
    }

    /**
     * Leads by id as plain objects, never managed by JPA: the tick reads a batch's leads to draft
     * their touches, and entities would only add hydration and a dirty check at commit. By the
     * primary key, a thousand ids per statement.
     */
    List<Lead> byIds(List<Long> ids) {
        List<Lead> found = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += 1000) {
            found.addAll(jdbc.sql("select * from lead where id in (:ids)")
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + 1000))).query(Lead::fromRow).list());
        }
        return found;
    }

    int delete(List<Long> ids) {
        int deleted = 0;
        for (int from = 0; from < ids.size(); from += 1000) {
            deleted += jdbc.sql("delete from lead where id in (:ids)")
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + 1000))).update();
        }
        return deleted;
    }

    /** Streams every lead matching the filter, in the default order, to the handler. */
    void forEachForExport(LeadFilter filter, String columns, RowCallbackHandler handler) {
        Where where = where(filter);
        String sql = "select " + columns + " from lead" + where.sql() + " order by " + LeadSort.CREATED.orderBy(true);
        exportJdbc.query(sql, where.params(), handler);
    }

    static Where where(LeadFilter filter) {
        LeadFilterSql predicate = predicate(filter, "");
        return new Where(predicate.params().isEmpty() ? "" : " where " + predicate.predicate(), predicate.params());
    }

    /**
     * The filter's conditions on {@code lead} columns qualified with {@code alias} ("" or "l."),
     * parameters prefixed {@code lf_}; the one definition of what the filter matches.
     */
    static LeadFilterSql predicate(LeadFilter filter, String alias) {
        List<String> clauses = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (filter.text() != null && !filter.text().isBlank()) {
            clauses.add(alias + "search_text like :lf_text escape '\\'");
            params.put("lf_text", "%" + escapeLike(filter.text().strip().toLowerCase(Locale.ROOT)) + "%");
        }
        if (filter.status() != null) {
            clauses.add(alias + "status = :lf_status");
            params.put("lf_status", filter.status().name());
        }
        if (filter.grade() != null) {
            clauses.add(alias + "grade = :lf_grade");
            params.put("lf_grade", filter.grade().name());
        }
        if (filter.campaignId() != null) {
            clauses.add(alias + "id in (select lf_e.lead_id from enrollment lf_e where lf_e.campaign_id = :lf_campaignId)");
            params.put("lf_campaignId", filter.campaignId());
        }
        return new LeadFilterSql(clauses.isEmpty() ? "1 = 1" : String.join(" and ", clauses), params);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static LeadRow row(ResultSet rs, int rowNum) throws SQLException {
        return new LeadRow(rs.getLong("id"), rs.getString("first_name"), rs.getString("last_name"),
                rs.getString("email"), rs.getString("company"), rs.getString("title"), rs.getString("industry"),
                rs.getString("city"), rs.getString("state"), rs.getString("time_zone"),
                Grade.valueOf(rs.getString("grade")), LeadStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("created_at").toInstant());
    }

    record Where(String sql, Map<String, Object> params) {
    }

    record PageQuery(String sql, Map<String, Object> params) {
    }
}
