package dev.outreach.cadence;

import dev.outreach.campaign.EngineSettings;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The sequencer tick's SQL. Every statement starts from {@code ix_enrollment_due (status,
 * next_touch_due_at)}: due means status COLD or ACTIVE and {@code next_touch_due_at <= now}, so
 * the work follows the number of due enrollments, never the number of leads. Callers own the
 * transactions.
 *
 * <p>{@code next_touch_due_at} is the earliest time the next touch may be due: the moment of
 * enrollment or reset for the first touch, the last touch plus the shortest adaptive delay for
 * a follow-up. Whether a follow-up is really due is decided here from the engagement columns
 * with {@link FollowupTiming#tierCase}, so an open that arrives after the last touch shortens
 * the wait without anyone rewriting the due time.
 */
@Component
class TickStore {

    /** One due touch as the tick selects it. */
    record Due(long enrollmentId, long leadId, int step, int cycle, String leadTimeZone, String campaignTimeZone,
            Long sequenceId) {
    }

    /** One row to write to the outbox. */
    record Touch(UUID id, long leadId, long enrollmentId, int touch, String messageType, String subject, String body,
            String status, String reason, Long sequenceId, String firstChannel) {
    }

    static final String DUE = "e.status in ('COLD', 'ACTIVE') and e.next_touch_due_at <= :now";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final boolean postgres;

    TickStore(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.template = new JdbcTemplate(dataSource);
        this.postgres = isPostgres(dataSource);
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (var connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tell which database this is", e);
        }
    }

    /** The follow-up is due by the adaptive delay (or it is the cycle's first touch). */
    static String followupDue() {
        return "(e.outreach_sequence_step = 0 or e.last_email_sent_at is null or e.last_email_sent_at <= "
                + FollowupTiming.tierCase(tier -> "cast(:cut" + tier + " as timestamp with time zone)") + ")";
    }

    /** The engagement gate: only the final touch waits for a human open or a click. */
    static final String GATE_PASSED = """
            (not :gate or e.outreach_sequence_step < :maxSteps - 1 or e.email_human_open_count > 0
             or e.last_email_clicked_at is not null)""";

    /** The enrollment's previous touch is still in the outbox (ix_outreach_message_lead). */
    static final String IN_FLIGHT = """
            exists (select 1 from outreach_message m where m.lead_id = e.lead_id and m.enrollment_id = e.id
                    and m.status in ('PENDING', 'SENDING'))""";

    static final String CAMPAIGN_PAUSED = """
            exists (select 1 from campaign c where c.id = e.campaign_id and c.status <> 'ACTIVE')""";

    static String ready() {
        return "e.outreach_sequence_step < :maxSteps and " + followupDue() + " and " + GATE_PASSED + " and not " + IN_FLIGHT;
    }

    /** Why a lead must not be touched again, or null. */
    private static final String STOP_REASON = """
            case when e.last_email_replied_at is not null or l.status = 'REPLIED' then 'replied'
                 when e.email_unsubscribed or l.status = 'UNSUBSCRIBED' then 'unsubscribed'
                 when l.status = 'BOUNCED' then 'hard bounce'
                 when l.status = 'DISQUALIFIED' then 'disqualified'
                 when l.email_normalized is null then 'no email address'
                 when exists (select 1 from suppression s where s.kind = 'ADDRESS' and s.entry = l.email_normalized)
                   or exists (select 1 from suppression s where s.kind = 'DOMAIN'
                              and s.entry = substring(l.email_normalized from position('@' in l.email_normalized) + 1))
                   then 'suppressed'
                 else null end""";

    /**
     * Stops due enrollments whose lead replied, unsubscribed, hard-bounced, was disqualified or
     * suppressed: STOPPED with the reason, no due time. Returns how many.
     */
    int stopFinished(Instant now) {
        return jdbc.sql("""
                update enrollment e set status = 'STOPPED', next_touch_due_at = null, updated_at = :now,
                    stopped_reason = (select %1$s from lead l where l.id = e.lead_id)
                where %2$s and exists (select 1 from lead l where l.id = e.lead_id and (%1$s) is not null)
                """.formatted(STOP_REASON, DUE)).param("now", ts(now)).update();
    }

    /** Due enrollments past the last step (the step count was lowered): the cycle is over. */
    int closeCompleted(Instant now, int maxSteps) {
        return jdbc.sql("""
                update enrollment e set status = 'CONTACTED', next_touch_due_at = null, updated_at = :now
                where %s and e.outreach_sequence_step >= :maxSteps
                """.formatted(DUE)).param("now", ts(now)).param("maxSteps", maxSteps).update();
    }

    /**
     * Due enrollments that cannot go yet move their due time on, so that each tick reads them
     * once: gated ones (final touch, no engagement) to {@code gateRecheck}; those whose adaptive
     * delay has not passed, whose previous touch is still in the outbox or whose campaign is
     * paused to {@code recheck} (the next tick). Returns how many.
     */
    int deferNotReady(Instant now, EngineSettings settings, Instant recheck, Instant gateRecheck) {
        String sql = """
                update enrollment e set updated_at = :now,
                    next_touch_due_at = case when not %s then cast(:gateRecheck as timestamp with time zone)
                        else cast(:recheck as timestamp with time zone) end
                where %s and e.outreach_sequence_step < :maxSteps and (not (%s) or %s)
                """.formatted(GATE_PASSED, DUE, ready(), CAMPAIGN_PAUSED);
        return timing(jdbc.sql(sql), now, settings).param("recheck", ts(recheck)).param("gateRecheck", ts(gateRecheck))
                .update();
    }

    /**
     * The document's two queries: enrollments bound to an active campaign (its sequence and time
     * zone), then unbound ones (the default sequence and the engine's time zone); at most
     * {@code limit} due, ready touches, locked for this transaction (others' locked rows are
     * skipped on PostgreSQL).
     */
    List<Due> dueBatch(Instant now, EngineSettings settings, int limit) {
        List<Due> due = new ArrayList<>(select(true, now, settings, limit));
        if (due.size() < limit) {
            due.addAll(select(false, now, settings, limit - due.size()));
        }
        return due;
    }

    private List<Due> select(boolean bound, Instant now, EngineSettings settings, int limit) {
        String sql = bound ? """
                select e.id, e.lead_id, e.outreach_sequence_step, e.re_contact_cycle, l.time_zone,
                    c.default_time_zone, c.sequence_id
                from enrollment e join lead l on l.id = e.lead_id join campaign c on c.id = e.campaign_id
                where %s and c.status = 'ACTIVE' and %s
                fetch first :limit rows only
                """ : """
                select e.id, e.lead_id, e.outreach_sequence_step, e.re_contact_cycle, l.time_zone,
                    cast(null as varchar(64)) as campaign_tz, cast(null as bigint) as sequence_id
                from enrollment e join lead l on l.id = e.lead_id
                where %s and e.campaign_id is null and %s
                fetch first :limit rows only
                """;
        sql = sql.formatted(DUE, ready()) + (postgres ? " for update of e skip locked" : " for update");
        return timing(jdbc.sql(sql), now, settings).param("limit", limit)
                .query((rs, n) -> new Due(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getInt(4), rs.getString(5),
                        rs.getString(6), rs.getObject(7, Long.class)))
                .list();
    }

    /** Binds what due, ready and the gate need: now, the step count, the gate flag and each tier's cutoff. */
    private static JdbcClient.StatementSpec timing(JdbcClient.StatementSpec spec, Instant now, EngineSettings settings) {
        int[] hours = FollowupTiming.tierHours(settings.baseFollowupDelayHours(), settings.minFollowupDelayHours());
        spec = spec.param("now", ts(now)).param("maxSteps", settings.maxSequenceSteps())
                .param("gate", settings.requireEngagementForFinalStep());
        for (int tier = 0; tier < hours.length; tier++) {
            spec = spec.param("cut" + tier, ts(now.minus(Duration.ofHours(hours[tier]))));
        }
        return spec;
    }

    /** The sequences: which one is the default, and each one's first channel. */
    record Sequences(Long defaultId, Map<Long, String> firstChannels) {

        Long idFor(Long campaignSequenceId) {
            return campaignSequenceId != null ? campaignSequenceId : defaultId;
        }
    }

    Sequences sequences() {
        Map<Long, String> channels = new HashMap<>();
        Long[] defaultId = {null};
        jdbc.sql("""
                select c.id, c.is_default,
                    (select st.channel from sequence_step st where st.sequence_id = c.id
                     order by st.step_order fetch first 1 rows only) as first_channel
                from sequence_config c order by c.id
                """).query((rs, n) -> {
                    channels.put(rs.getLong(1), rs.getString(3));
                    if (rs.getBoolean(2) && defaultId[0] == null) {
                        defaultId[0] = rs.getLong(1);
                    }
                    return n;
                }).list();
        return new Sequences(defaultId[0], channels);
    }

    /** Writes the touches to the outbox: one INSERT ... SELECT from arrays on PostgreSQL, a batch on H2. */
    void insertTouches(List<Touch> touches, Instant now) {
        if (touches.isEmpty()) {
            return;
        }
        Timestamp at = ts(now);
        if (postgres) {
            template.execute((ConnectionCallback<Integer>) connection -> {
                try (PreparedStatement statement = connection.prepareStatement("""
                        insert into outreach_message (id, lead_id, enrollment_id, touch, message_type, subject, body, status,
                            status_reason, due_at, created_at, updated_at, sequence_id, step_index, first_channel)
                        select t.id, t.lead_id, t.enrollment_id, t.touch, t.message_type, t.subject, t.body, t.status,
                            t.reason, ?, ?, ?, t.sequence_id, 0, t.first_channel
                        from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            as t(id, lead_id, enrollment_id, touch, message_type, subject, body, status, reason,
                                 sequence_id, first_channel)
                        """)) {
                    statement.setTimestamp(1, at);
                    statement.setTimestamp(2, at);
                    statement.setTimestamp(3, at);
                    statement.setArray(4, array(connection, "uuid", touches, Touch::id));
                    statement.setArray(5, array(connection, "bigint", touches, Touch::leadId));
                    statement.setArray(6, array(connection, "bigint", touches, Touch::enrollmentId));
                    statement.setArray(7, array(connection, "integer", touches, Touch::touch));
                    statement.setArray(8, array(connection, "varchar", touches, Touch::messageType));
                    statement.setArray(9, array(connection, "varchar", touches, Touch::subject));
                    statement.setArray(10, array(connection, "varchar", touches, Touch::body));
                    statement.setArray(11, array(connection, "varchar", touches, Touch::status));
                    statement.setArray(12, array(connection, "varchar", touches, Touch::reason));
                    statement.setArray(13, array(connection, "bigint", touches, Touch::sequenceId));
                    statement.setArray(14, array(connection, "varchar", touches, Touch::firstChannel));
                    return statement.executeUpdate();
                }
            });
            return;
        }
        template.batchUpdate("""
                insert into outreach_message (id, lead_id, enrollment_id, touch, message_type, subject, body, status,
                    status_reason, due_at, created_at, updated_at, sequence_id, step_index, first_channel)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
                """, touches, 500, (statement, t) -> {
                    statement.setObject(1, t.id());
                    statement.setLong(2, t.leadId());
                    statement.setLong(3, t.enrollmentId());
                    statement.setInt(4, t.touch());
                    statement.setString(5, t.messageType());
                    statement.setString(6, t.subject());
                    statement.setString(7, t.body());
                    statement.setString(8, t.status());
                    statement.setString(9, t.reason());
                    statement.setTimestamp(10, at);
                    statement.setTimestamp(11, at);
                    statement.setTimestamp(12, at);
                    statement.setObject(13, t.sequenceId());
                    statement.setString(14, t.firstChannel());
                });
    }

    private static <T> Array array(Connection connection, String type, List<Touch> touches,
            java.util.function.Function<Touch, T> value) throws SQLException {
        Object[] values = new Object[touches.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value.apply(touches.get(i));
        }
        return connection.createArrayOf(type, values);
    }

    /**
     * Advances enrollments past the touch just written: step + 1; ACTIVE, or CONTACTED after the
     * final touch (no due time then); the next due time is the earliest a follow-up can be due.
     * {@code sent}: the touch went to the outbox, so {@code last_email_sent_at} becomes now; a
     * skipped touch leaves it alone.
     */
    int advance(List<Long> enrollmentIds, boolean sent, Instant now, Instant earliestFollowup, int maxSteps) {
        if (enrollmentIds.isEmpty()) {
            return 0;
        }
        String sql = """
                update enrollment set outreach_sequence_step = outreach_sequence_step + 1,
                    status = case when outreach_sequence_step + 1 >= :maxSteps then 'CONTACTED' else 'ACTIVE' end,
                    next_touch_due_at = case when outreach_sequence_step + 1 >= :maxSteps then null
                        else cast(:next as timestamp with time zone) end,
                    %s updated_at = :now
                where id %s
                """.formatted(sent ? "last_email_sent_at = :now," : "", postgres ? "= any(:ids)" : "in (:ids)");
        var spec = jdbc.sql(sql).param("maxSteps", maxSteps).param("next", ts(earliestFollowup)).param("now", ts(now));
        if (postgres) {
            return template.execute((ConnectionCallback<Integer>) connection -> spec
                    .param("ids", connection.createArrayOf("bigint", enrollmentIds.toArray())).update());
        }
        return spec.param("ids", enrollmentIds).update();
    }

    /** Touches outside the lead's send window wait for its next opening. */
    int deferTo(List<Long> enrollmentIds, Instant opening, Instant now) {
        if (enrollmentIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("update enrollment set next_touch_due_at = :opening, updated_at = :now where id in (:ids)")
                .param("opening", ts(opening)).param("now", ts(now)).param("ids", enrollmentIds).update();
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
