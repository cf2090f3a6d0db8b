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
            boolean inFlight, Long campaignId, int touchCount, TickPlans.TouchPlan touch) {

        /** A row without its campaign's plan: the engine settings' step count applies. */
        Due(long enrollmentId, long leadId, int step, int cycle, String leadTimeZone, String campaignTimeZone,
                Long sequenceId, boolean campaignActive, String stopReason, boolean delayPassed, boolean gatePassed,
                boolean inFlight) {
            this(enrollmentId, leadId, step, cycle, leadTimeZone, campaignTimeZone, sequenceId, campaignActive, stopReason,
                    delayPassed, gatePassed, inFlight, null, -1, null);
        }

        /** The same row, its campaign found not running when the batch locked it. */
        Due campaignStopped() {
            return new Due(enrollmentId, leadId, step, cycle, leadTimeZone, campaignTimeZone, sequenceId, false, stopReason,
                    delayPassed, gatePassed, inFlight, campaignId, touchCount, touch);
        }
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

    /**
     * What opens the engagement gate: a human open or a click ({@link HumanEngagement}), or a reply,
     * which an enrollment re-opened after one carries.
     */
    static final String GATE_ENGAGED = "(" + HumanEngagement.ENGAGED + " or e.last_email_replied_at is not null)";

    /** The engagement gate: only the final touch waits for a human open, a click or a reply. */
    static final String GATE_PASSED = "(not :gate or e.outreach_sequence_step < :maxSteps - 1 or "
            + GATE_ENGAGED + ")";

    /** The enrollment's previous touch is still in the outbox (ix_outreach_message_lead). */
    static final String IN_FLIGHT = """
            exists (select 1 from outreach_message m where m.lead_id = e.lead_id and m.enrollment_id = e.id
                    and m.status in ('DRAFTING', 'PENDING', 'SENDING'))""";

    /**
     * The {@code when} branches for what keeps an email cadence from the address of lead {@code l}
     * (none, or suppressed by address or domain); enrolling refuses the same leads
     * ({@link EnrollmentRules}).
     */
    static final String ADDRESS_STOPS = """

                 when l.email_normalized is null then 'no email address'
                 when exists (select 1 from suppression s where s.kind = 'ADDRESS' and s.entry = l.email_normalized)
                   or exists (select 1 from suppression s where s.kind = 'DOMAIN'
                              and s.entry = substring(l.email_normalized from position('@' in l.email_normalized) + 1))
                   then 'suppressed'""";

    /**
     * Why a lead must not be touched again, or null: the lead's stop ({@link LeadStop}, the one
     * definition of it), which the enrollment's own unsubscribe also triggers, then what keeps an
     * email cadence from its address. The enrollment's own reply needs no condition here: it makes
     * the enrollment REPLIED in the same statement, which the tick never reads; a COLD or ACTIVE
     * enrollment with a reply time is one a person re-opened after that reply ({@link RepliedSequences}).
     */
    private static final String STOP_REASON = "case " + LeadStop.sqlCase("l.status", Map.of(
            LeadStop.UNSUBSCRIBED, "e.email_unsubscribed"))
            + ADDRESS_STOPS + """

                 else null end""";

    /**
     * The document's two cases in one pass: enrollments bound to a campaign (its plan, schedule and
     * status come from {@code plans}) and unbound ones (the engine settings' plan). At most
     * {@code limit} due enrollments, COLD ones first, each status in due order straight from the
     * index, locked for this transaction (rows others hold are skipped on PostgreSQL), each with
     * what decides its fate: the stop reason, the engagement tier and the gate's engagement (from
     * which the touch's own delay and gate are decided here), a touch still in flight. Every row
     * read leaves the due range in the same transaction (stopped, moved on or advanced), so batch
     * after batch reads each due enrollment once.
     */
    List<Due> dueBatch(Instant now, TickPlans plans, int limit) {
        return dueBatch(now, plans, limit, true);
    }

    /** {@code lock} false reads without locking (the dry run), in a read-only transaction. */
    List<Due> dueBatch(Instant now, TickPlans plans, int limit, boolean lock) {
        return dueBatch(now, plans, limit, lock, null);
    }

    /**
     * The due enrollments of one campaign ({@code campaignId}; null: every campaign), the same
     * rows the tick reads: a campaign's waiting reasons use it without locking.
     */
    List<Due> dueBatch(Instant now, TickPlans plans, int limit, boolean lock, Long campaignId) {
        List<Due> due = new ArrayList<>(select("COLD", now, plans, limit, lock, campaignId));
        if (due.size() < limit) {
            due.addAll(select("ACTIVE", now, plans, limit - due.size(), lock, campaignId));
        }
        return due;
    }

    /**
     * One status at a time: an ordered range of ix_enrollment_due, so a batch starts where the due
     * ones start; one campaign's through ix_enrollment_campaign_due (V6_9).
     */
    private List<Due> select(String status, Instant now, TickPlans plans, int limit, boolean lock, Long campaignId) {
        String sql = """
                select e.id, e.lead_id, e.outreach_sequence_step, e.re_contact_cycle, l.time_zone,
                    e.campaign_id, c.status as campaign_status,
                    %s as stop_reason,
                    %s as tier,
                    e.last_email_sent_at,
                    %s as engaged,
                    %s as in_flight
                from enrollment e join lead l on l.id = e.lead_id left join campaign c on c.id = e.campaign_id
                where e.status = :status and e.next_touch_due_at <= :now%s
                order by e.next_touch_due_at
                fetch first :limit rows only
                """.formatted(STOP_REASON, FollowupTiming.tierCase(String::valueOf), GATE_ENGAGED, IN_FLIGHT,
                        campaignId == null ? "" : " and e.campaign_id = :campaignId")
                + (!lock ? "" : postgres ? " for update of e skip locked" : " for update");
        var statement = jdbc.sql(sql).param("now", ts(now)).param("status", status).param("limit", limit);
        if (campaignId != null) {
            statement = statement.param("campaignId", campaignId);
        }
        return statement.query((rs, n) -> due(rs, now, plans)).list();
    }

    /** The row with its touch's delay and gate decided from its campaign's plan. */
    private static Due due(java.sql.ResultSet rs, Instant now, TickPlans plans) throws SQLException {
        int step = rs.getInt(3);
        Long campaignId = rs.getObject(6, Long.class);
        boolean active = campaignId == null || "ACTIVE".equals(rs.getString(7));
        TickPlans.Plan plan = plans.forRow(campaignId);
        TickPlans.TouchPlan touch = plan.touch(step);
        Timestamp lastSent = rs.getTimestamp(10);
        boolean delayPassed = step == 0 || lastSent == null || touch == null
                || !lastSent.toInstant().plus(Duration.ofHours(plans.delayHours(touch, rs.getInt(9)))).isAfter(now);
        boolean gatePassed = touch == null || !touch.gate() || rs.getBoolean(11);
        return new Due(rs.getLong(1), rs.getLong(2), step, rs.getInt(4), rs.getString(5), plan.timeZone(),
                touch == null ? null : touch.sequenceId(), active, rs.getString(8), delayPassed, gatePassed,
                rs.getBoolean(12), campaignId, plan.touches().size(), touch);
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

    /** Touches and new leads the campaign started on {@code day} so far ({@code campaign_day_usage}). */
    int[] usage(long campaignId, java.time.LocalDate day) {
        return jdbc.sql("select touches, new_leads from campaign_day_usage where campaign_id = :id and usage_day = :day")
                .param("id", campaignId).param("day", day).query((rs, n) -> new int[] {rs.getInt(1), rs.getInt(2)})
                .optional().orElseGet(() -> new int[2]);
    }

    /** Counts touches and new leads a batch started for a campaign on its day; one tick at a time writes them. */
    void addUsage(long campaignId, java.time.LocalDate day, int touches, int newLeads) {
        int updated = jdbc.sql("""
                update campaign_day_usage set touches = touches + :touches, new_leads = new_leads + :newLeads
                where campaign_id = :id and usage_day = :day
                """).param("touches", touches).param("newLeads", newLeads).param("id", campaignId).param("day", day).update();
        if (updated == 0) {
            jdbc.sql("insert into campaign_day_usage (campaign_id, usage_day, touches, new_leads) values (:id, :day, :touches, :newLeads)")
                    .param("touches", touches).param("newLeads", newLeads).param("id", campaignId).param("day", day).update();
        }
    }

    /**
     * Which of these campaigns are ACTIVE, with their rows share-locked until the batch commits: a
     * pause waits for the batch, then holds the touches it wrote; a batch after a pause sees it.
     */
    java.util.Set<Long> lockActive(java.util.Collection<Long> campaignIds) {
        if (campaignIds.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("select id from campaign where id in (:ids) and status = 'ACTIVE' "
                + (postgres ? "for share" : "for update")).param("ids", List.copyOf(campaignIds)).query(Long.class).list());
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
