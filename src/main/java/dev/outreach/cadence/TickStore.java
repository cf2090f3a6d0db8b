package dev.outreach.cadence;

import dev.outreach.campaign.EngineSettings;
import dev.outreach.lead.LeadStop;
import dev.outreach.outreach.NewOutboxMessage;
import dev.outreach.outreach.OutboxBulkInsert;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.MessageStatus;
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
            Long sequenceId, boolean campaignActive, String stopReason, boolean delayPassed, boolean gatePassed,
            boolean inFlight, Long campaignId) {
    }

    /** One row to write to the outbox. */
    record Touch(UUID id, long leadId, long enrollmentId, int touch, String messageType, String subject, String body,
            String status, String reason, Long sequenceId, String firstChannel) {
    }


    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final boolean postgres;
    private final OutboxBulkInsert outbox;

    TickStore(JdbcClient jdbc, DataSource dataSource, OutboxBulkInsert outbox) {
        this.jdbc = jdbc;
        this.template = new JdbcTemplate(dataSource);
        this.postgres = isPostgres(dataSource);
        this.outbox = outbox;
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
    static final String GATE_PASSED = "(not :gate or e.outreach_sequence_step < :maxSteps - 1 or "
            + HumanEngagement.ENGAGED + ")";

    /** The enrollment's previous touch is still in the outbox (ix_outreach_message_lead). */
    static final String IN_FLIGHT = """
            exists (select 1 from outreach_message m where m.lead_id = e.lead_id and m.enrollment_id = e.id
                    and m.status in ('DRAFTING', 'PENDING', 'SENDING'))""";

    /**
     * Why a lead must not be touched again, or null: the lead's stop ({@link LeadStop}, the one
     * definition of it), which the enrollment's own reply or unsubscribe also triggers, then what
     * keeps an email cadence from its address.
     */
    private static final String STOP_REASON = "case " + LeadStop.sqlCase("l.status", Map.of(
            LeadStop.REPLIED, "e.last_email_replied_at is not null", LeadStop.UNSUBSCRIBED, "e.email_unsubscribed")) + """

                 when l.email_normalized is null then 'no email address'
                 when exists (select 1 from suppression s where s.kind = 'ADDRESS' and s.entry = l.email_normalized)
                   or exists (select 1 from suppression s where s.kind = 'DOMAIN'
                              and s.entry = substring(l.email_normalized from position('@' in l.email_normalized) + 1))
                   then 'suppressed'
                 else null end""";

    /**
     * The document's two cases in one pass: enrollments bound to a campaign (its sequence, time
     * zone and status come along) and unbound ones (no campaign: the default sequence and the
     * engine's time zone). At most {@code limit} due enrollments, COLD ones first, each status in
     * due order straight from the index, locked for this
     * transaction (rows others hold are skipped on PostgreSQL), each with what decides its fate:
     * the stop reason, whether the adaptive delay has passed, the gate, a touch still in flight.
     * Every row read leaves the due range in the same transaction (stopped, moved on or
     * advanced), so batch after batch reads each due enrollment once.
     */
    List<Due> dueBatch(Instant now, EngineSettings settings, int limit) {
        return dueBatch(now, settings, limit, true);
    }

    /** {@code lock} false reads without locking (the dry run), in a read-only transaction. */
    List<Due> dueBatch(Instant now, EngineSettings settings, int limit, boolean lock) {
        return dueBatch(now, settings, limit, lock, null);
    }

    /**
     * The dry run of one campaign's due enrollments ({@code campaignId}; null: every campaign),
     * without locking: the same rows and columns as the tick's, for the campaign's waiting reasons.
     */
    List<Due> dueBatch(Instant now, EngineSettings settings, int limit, boolean lock, Long campaignId) {
        List<Due> due = new ArrayList<>(select("COLD", now, settings, limit, lock, campaignId));
        if (due.size() < limit) {
            due.addAll(select("ACTIVE", now, settings, limit - due.size(), lock, campaignId));
        }
        return due;
    }

    /**
     * One status at a time: an ordered range of ix_enrollment_due, so a batch starts where the
     * due ones start; one campaign's through ix_enrollment_campaign_due (V6_9).
     */
    private List<Due> select(String status, Instant now, EngineSettings settings, int limit, boolean lock,
            Long campaignId) {
        String sql = """
                select e.id, e.lead_id, e.outreach_sequence_step, e.re_contact_cycle, l.time_zone,
                    c.default_time_zone, c.sequence_id, coalesce(c.status, 'ACTIVE') = 'ACTIVE' as campaign_active,
                    %s as stop_reason,
                    %s as delay_passed,
                    %s as gate_passed,
                    %s as in_flight, e.campaign_id
                from enrollment e join lead l on l.id = e.lead_id left join campaign c on c.id = e.campaign_id
                where e.status = :status and e.next_touch_due_at <= :now%s
                order by e.next_touch_due_at
                fetch first :limit rows only
                """.formatted(STOP_REASON, followupDue(), GATE_PASSED, IN_FLIGHT,
                        campaignId == null ? "" : " and e.campaign_id = :campaignId")
                + (!lock ? "" : postgres ? " for update of e skip locked" : " for update");
        JdbcClient.StatementSpec spec = timing(jdbc.sql(sql), now, settings).param("status", status).param("limit", limit);
        if (campaignId != null) {
            spec = spec.param("campaignId", campaignId);
        }
        return spec.query((rs, n) -> new Due(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getInt(4), rs.getString(5),
                        rs.getString(6), rs.getObject(7, Long.class), rs.getBoolean(8), rs.getString(9), rs.getBoolean(10),
                        rs.getBoolean(11), rs.getBoolean(12), rs.getObject(13, Long.class)))
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

    /**
     * Writes the touches to the outbox through the outreach module, which owns it: one set-based
     * statement per batch, in the batch's transaction like the enrollment updates around it.
     */
    void insertTouches(List<Touch> touches, Instant now) {
        outbox.insert(touches.stream().map(t -> new NewOutboxMessage(t.id(), t.leadId(), t.enrollmentId(), t.touch(),
                t.messageType(), t.subject(), t.body(), MessageStatus.valueOf(t.status()), t.reason(), t.sequenceId(),
                t.firstChannel() == null ? null : ChannelType.valueOf(t.firstChannel()))).toList(), now);
    }

    /**
     * A message the tick wrote DRAFTING, whose text is still to be written; {@code cycle} is its
     * enrollment's; {@code enrollmentId} is null when the enrollment was removed meanwhile.
     */
    record Drafting(UUID id, long leadId, Long enrollmentId, int touch, int cycle) {
    }

    /** The DRAFTING messages, oldest first (ix_outreach_message_claim). */
    List<Drafting> drafting() {
        return jdbc.sql("""
                select m.id, m.lead_id, e.id, m.touch, coalesce(e.re_contact_cycle, 0)
                from outreach_message m left join enrollment e on e.id = m.enrollment_id
                where m.status = 'DRAFTING'
                order by m.due_at, m.id
                """).query((rs, n) -> new Drafting(rs.getObject(1, UUID.class), rs.getLong(2), rs.getObject(3, Long.class),
                        rs.getInt(4), rs.getInt(5)))
                .list();
    }

    /**
     * Releases a DRAFTING message with its text: PENDING, due now, and the enrollment's
     * {@code last_email_sent_at} set as for a touch written in the batch; or SKIPPED with the
     * reason. Returns false when the message was no longer DRAFTING (another tick released it).
     */
    boolean finishDraft(Drafting message, String subject, String body, String status, String reason, Instant now) {
        boolean released = outbox.releaseDraft(message.id(), subject, body, MessageStatus.valueOf(status), reason, now);
        if (released && "PENDING".equals(status)) {
            jdbc.sql("update enrollment set last_email_sent_at = :now, updated_at = :now where id = :id")
                    .param("now", ts(now)).param("id", message.enrollmentId()).update();
        }
        return released;
    }

    /**
     * Advances enrollments past the touch just written: step + 1; ACTIVE, or CONTACTED after the
     * final touch (no due time then); the next due time is the earliest a follow-up can be due.
     * {@code sent}: the touch went to the outbox, so {@code last_email_sent_at} becomes now; a
     * skipped touch leaves it alone.
     */
    int advance(List<Long> enrollmentIds, boolean sent, Instant now, Instant earliestFollowup, int maxSteps) {
        return update(enrollmentIds, """
                outreach_sequence_step = outreach_sequence_step + 1,
                status = case when outreach_sequence_step + 1 >= :maxSteps then 'CONTACTED' else 'ACTIVE' end,
                next_touch_due_at = case when outreach_sequence_step + 1 >= :maxSteps then null
                    else cast(:next as timestamp with time zone) end,
                """ + (sent ? "last_email_sent_at = :now," : ""),
                Map.of("maxSteps", maxSteps, "next", ts(earliestFollowup)), now);
    }

    /** Stops enrollments for good: STOPPED with the reason, no due time. */
    int stop(List<Long> enrollmentIds, String reason, Instant now) {
        return update(enrollmentIds, "status = 'STOPPED', stopped_reason = :reason, next_touch_due_at = null,",
                Map.of("reason", reason), now);
    }

    /** Enrollments past the last step (the step count was lowered): the cycle is over. */
    int close(List<Long> enrollmentIds, Instant now) {
        return update(enrollmentIds, "status = 'CONTACTED', next_touch_due_at = null,", Map.of(), now);
    }

    /** Moves the due time on: the touch cannot go yet (send window, adaptive delay, gate, in flight, paused campaign). */
    int deferTo(List<Long> enrollmentIds, Instant dueAt, Instant now) {
        return update(enrollmentIds, "next_touch_due_at = cast(:dueAt as timestamp with time zone),",
                Map.of("dueAt", ts(dueAt)), now);
    }

    /** {@code update enrollment set <assignments> updated_at = now where id in ids}: an array on PostgreSQL. */
    private int update(List<Long> enrollmentIds, String assignments, Map<String, Object> params, Instant now) {
        if (enrollmentIds.isEmpty()) {
            return 0;
        }
        String sql = "update enrollment set " + assignments + " updated_at = :now where id "
                + (postgres ? "= any(:ids)" : "in (:ids)");
        var spec = jdbc.sql(sql).params(params).param("now", ts(now));
        if (postgres) {
            return template.execute((ConnectionCallback<Integer>) connection -> spec
                    .param("ids", connection.createArrayOf("bigint", enrollmentIds.toArray())).update());
        }
        return spec.param("ids", enrollmentIds).update();
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
