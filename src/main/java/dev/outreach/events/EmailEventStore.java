package dev.outreach.events;

import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

/** SQL for {@code email_event}. Callers own the transaction. */
@Component
class EmailEventStore {

    /** One event row to insert: the event, the message it names (null for an orphan) and why it is an orphan. */
    record Row(EmailEvent event, UUID messageId, boolean orphan, String detail) {
    }

    /**
     * The statement that decides whether an event is new: the unique (provider, provider_event_id)
     * constraint uq_email_event_provider_id, with conflicts ignored (PostgreSQL, and H2 in
     * PostgreSQL mode). A concurrent insert of the same key waits for the first transaction and
     * then counts 0. bench/run.sh webhooks runs the same statement through pgbench.
     */
    static final String INSERT = """
            insert into email_event (provider, provider_event_id, event_type, message_id, occurred_at, received_at,
                raw_payload, orphan, detail, machine, relay_message_id)
            values (:provider, :eventId, :type, :messageId, :occurredAt, :receivedAt, :raw, :orphan, :detail, :machine,
                :relayId)
            on conflict do nothing
            """;

    private final NamedParameterJdbcTemplate jdbc;

    EmailEventStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the rows in one batch; for each row, true when it was new (false: a duplicate). */
    boolean[] insertAll(List<Row> rows, Instant receivedAt) {
        SqlParameterSource[] params = rows.stream().map(row -> new MapSqlParameterSource()
                .addValue("provider", row.event().provider())
                .addValue("eventId", row.event().providerEventId())
                .addValue("type", row.event().kind().name())
                .addValue("messageId", row.messageId())
                .addValue("occurredAt", Timestamp.from(row.event().occurredAt()))
                .addValue("receivedAt", Timestamp.from(receivedAt))
                .addValue("raw", truncate(row.event().rawPayload(), 20_000))
                .addValue("orphan", row.orphan())
                .addValue("detail", truncate(row.detail(), 1_000))
                .addValue("machine", machine(row.event()))
                .addValue("relayId", truncate(row.event().relayMessageId(), 200))).toArray(SqlParameterSource[]::new);
        int[] counts = jdbc.batchUpdate(INSERT, params);
        boolean[] inserted = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == Statement.SUCCESS_NO_INFO || counts[i] < 0) {
                // Without per-row counts duplicates cannot be told apart (PostgreSQL's reWriteBatchedInserts does this).
                throw new IllegalStateException("The JDBC driver did not report a count per inserted event; "
                        + "do not enable reWriteBatchedInserts on the datasource");
            }
            inserted[i] = counts[i] == 1;
        }
        return inserted;
    }

    /**
     * The message each of a provider's own message ids was matched to by an earlier event
     * (index ix_email_event_relay); ids never matched are absent.
     */
    java.util.Map<String, UUID> messagesByRelayIds(String provider, java.util.Collection<String> relayIds) {
        java.util.Map<String, UUID> found = new java.util.HashMap<>();
        if (relayIds.isEmpty()) {
            return found;
        }
        jdbc.query("""
                select relay_message_id, message_id from email_event
                where provider = :provider and relay_message_id in (:ids) and message_id is not null
                """, new MapSqlParameterSource("provider", provider).addValue("ids", java.util.List.copyOf(relayIds)),
                (java.sql.ResultSet rs) -> {
                    found.putIfAbsent(rs.getString(1), rs.getObject(2, UUID.class));
                });
        return found;
    }

    /** Writes what each applied event did, in one batch (on the unique key). */
    void setDetails(List<EmailEvent> events, List<String> details) {
        if (events.isEmpty()) {
            return;
        }
        SqlParameterSource[] params = new SqlParameterSource[events.size()];
        for (int i = 0; i < params.length; i++) {
            params[i] = new MapSqlParameterSource().addValue("provider", events.get(i).provider())
                    .addValue("eventId", events.get(i).providerEventId())
                    .addValue("detail", truncate(details.get(i), 1_000));
        }
        jdbc.batchUpdate("update email_event set detail = :detail where provider = :provider and provider_event_id = :eventId",
                params);
    }

    /** For opens and clicks, whether a machine made them; null for events that carry no such verdict. */
    private static Boolean machine(EmailEvent event) {
        return event.kind() == EmailEventKind.OPENED || event.kind() == EmailEventKind.CLICKED ? event.machineOpen() : null;
    }

    /**
     * A tracking event of one message: its provider event id, what made it the same as another
     * (its key), when, and whether a machine made it.
     */
    record Tracked(String eventId, String key, Instant at, boolean machine) {
    }

    /**
     * The message's tracking events of this kind since a time, on ix_email_event_message; the
     * caller holds the message's row lock, so that two requests for one message see each other.
     */
    List<Tracked> trackedSince(UUID messageId, EmailEventKind kind, Instant since) {
        return jdbc.query("""
                select provider_event_id, tracking_key, occurred_at, machine from email_event
                where message_id = :id and occurred_at >= :since and provider = :provider and event_type = :type
                """, new MapSqlParameterSource().addValue("id", messageId).addValue("since", Timestamp.from(since))
                .addValue("provider", TrackingService.PROVIDER).addValue("type", kind.name()),
                (rs, n) -> new Tracked(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getBoolean(4)));
    }

    /**
     * Re-classes a person's tracking clicks as a machine's, with the rule and what became of them
     * (before what the row said); returns the ones that were still a person's (the others were
     * re-classed already).
     */
    List<String> reclassAsMachine(List<String> eventIds, String rule, String detail) {
        List<String> changed = new java.util.ArrayList<>();
        for (String eventId : eventIds) {
            int updated = jdbc.update("""
                    update email_event set machine = true, verdict_rule = :rule,
                        detail = substring(:detail || '; was: ' || coalesce(detail, ''), 1, 1000)
                    where provider = :provider and provider_event_id = :eventId and event_type = 'CLICKED' and machine = false
                    """, new MapSqlParameterSource().addValue("rule", truncate(rule, 60))
                    .addValue("detail", truncate(detail, 500)).addValue("provider", TrackingService.PROVIDER)
                    .addValue("eventId", eventId));
            if (updated == 1) {
                changed.add(eventId);
            }
        }
        return changed;
    }

    /** When a person first clicked the message, by any provider's event (ix_email_event_message); empty when nobody did. */
    java.util.Optional<Instant> firstHumanClick(UUID messageId) {
        return jdbc.query("""
                select min(occurred_at) from email_event where message_id = :id and event_type = 'CLICKED' and machine = false
                """, new MapSqlParameterSource("id", messageId), (rs, n) -> rs.getTimestamp(1))
                .stream().filter(java.util.Objects::nonNull).map(Timestamp::toInstant).findFirst();
    }

    /** The verdict's rule and the request's key on a tracking event (its own row, by the unique key). */
    void setVerdict(String eventId, String rule, String key) {
        jdbc.update("""
                update email_event set verdict_rule = :rule, tracking_key = :key
                where provider = :provider and provider_event_id = :eventId
                """, new MapSqlParameterSource().addValue("rule", truncate(rule, 60)).addValue("key", key)
                .addValue("provider", TrackingService.PROVIDER).addValue("eventId", eventId));
    }

    static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
