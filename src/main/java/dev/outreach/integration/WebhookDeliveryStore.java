package dev.outreach.integration;

import dev.outreach.integration.WebhookAttempt.Outcome;
import dev.outreach.integration.WebhookDelivery.Status;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code webhook_event}, {@code webhook_delivery} and {@code webhook_attempt} tables: the
 * webhooks' outbox (one row per event, whatever the number of endpoints that take it), each
 * endpoint's deliveries once the worker has fanned an event out, and every try.
 */
@Component
class WebhookDeliveryStore {

    /**
     * A claimed delivery, with what its request needs. {@code stored} is false for one just fanned
     * out of its event: its row is written with its first outcome.
     */
    record Due(UUID id, UUID eventId, long endpointId, WebhookEventType type, String payload, Instant occurredAt,
            Instant createdAt, int attempts, Instant giveUpAt, boolean stored) {
    }

    private record Event(UUID id, WebhookEventType type, String payload, Instant occurredAt, Instant createdAt,
            String endpointIds, Instant giveUpAt) {

        List<Long> endpoints() {
            return Arrays.stream(endpointIds.split(",")).map(Long::valueOf).toList();
        }
    }

    private static final String DELIVERY_COLUMNS = "id, endpoint_id, event_type, status, attempts, last_response_code,"
            + " last_error, created_at, next_attempt_at, delivered_at";
    private static final String EVENT_COLUMNS = "id, event_type, payload, occurred_at, created_at, endpoint_ids, give_up_at";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    WebhookDeliveryStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /**
     * The event, PENDING and due now, in the caller's transaction (the event's cause): one row
     * whatever the number of endpoints, which the worker fans out when it claims it.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    void record(WebhookEventType type, String payload, Instant occurredAt, List<Long> endpointIds, Instant now,
            Instant giveUpAt) {
        jdbc.sql("""
                insert into webhook_event (id, event_type, payload, occurred_at, created_at, endpoint_ids, status,
                    next_attempt_at, give_up_at)
                values (:id, :type, :payload, :occurred, :now, :endpoints, 'PENDING', :now, :giveUp)
                """).param("id", UUID.randomUUID()).param("type", type.name()).param("payload", payload)
                .param("occurred", Timestamp.from(occurredAt)).param("now", Timestamp.from(now))
                .param("endpoints", endpointIds.stream().map(String::valueOf).collect(Collectors.joining(",")))
                .param("giveUp", Timestamp.from(giveUpAt)).update();
    }

    /**
     * Claims up to {@code batch} deliveries: those due again (a retry, a resend) and, as far as the
     * batch has room, new events, each fanned out to the endpoints it was recorded for. Both are held by
     * moving their due time past the lease, so that no other run takes them meanwhile and a worker
     * that dies leaves them due again when it ends; an event fanned out again gives the same
     * delivery ids ({@link #deliveryId}), so the receivers can dedupe what they got twice
     * (indexes ix_webhook_delivery_due, ix_webhook_event_due).
     */
    @Transactional
    List<Due> claim(Instant now, int batch, Instant leaseUntil) {
        List<Due> due = new ArrayList<>(claimRetries(now, batch, leaseUntil));
        if (due.size() < batch) {
            for (Event event : claimEvents(now, batch - due.size(), leaseUntil)) {
                for (long endpointId : event.endpoints()) {
                    due.add(new Due(deliveryId(event.id(), endpointId), event.id(), endpointId, event.type(),
                            event.payload(), event.occurredAt(), event.createdAt(), 0, event.giveUpAt(), false));
                }
            }
        }
        return due;
    }

    /** The id of an event's delivery to one endpoint: the same every time the event is fanned out. */
    static UUID deliveryId(UUID eventId, long endpointId) {
        return UUID.nameUUIDFromBytes((eventId + "/" + endpointId).getBytes(StandardCharsets.UTF_8));
    }

    private List<Due> claimRetries(Instant now, int batch, Instant leaseUntil) {
        record Row(UUID id, UUID eventId, long endpointId, int attempts, Instant giveUpAt) {
        }
        List<Row> rows = jdbc.sql("""
                select id, event_id, endpoint_id, attempts, give_up_at from webhook_delivery
                where status = 'PENDING' and next_attempt_at <= :now
                order by next_attempt_at
                fetch first :batch rows only
                for update skip locked
                """).param("now", Timestamp.from(now)).param("batch", batch)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getLong(3),
                        rs.getInt(4), rs.getTimestamp(5).toInstant()))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        jdbc.sql("update webhook_delivery set next_attempt_at = :lease where id in (:ids)")
                .param("lease", Timestamp.from(leaseUntil)).param("ids", rows.stream().map(Row::id).toList()).update();
        Map<UUID, Event> events = jdbc.sql("select " + EVENT_COLUMNS + " from webhook_event where id in (:ids)")
                .param("ids", rows.stream().map(Row::eventId).distinct().toList()).query(WebhookDeliveryStore::event)
                .stream().collect(Collectors.toMap(Event::id, Function.identity()));
        return rows.stream().map(row -> {
            Event event = events.get(row.eventId());
            return new Due(row.id(), row.eventId(), row.endpointId(), event.type(), event.payload(), event.occurredAt(),
                    event.createdAt(), row.attempts(), row.giveUpAt(), true);
        }).toList();
    }

    /** Due events whose deliveries fit in {@code room} (at least one event, however many endpoints it has). */
    private List<Event> claimEvents(Instant now, int room, Instant leaseUntil) {
        List<Event> events = new ArrayList<>();
        int deliveries = 0;
        for (Event event : jdbc.sql("select " + EVENT_COLUMNS + """
                 from webhook_event
                where status = 'PENDING' and next_attempt_at <= :now
                order by next_attempt_at
                fetch first :room rows only
                for update skip locked
                """).param("now", Timestamp.from(now)).param("room", room).query(WebhookDeliveryStore::event).list()) {
            deliveries += event.endpoints().size();
            if (!events.isEmpty() && deliveries > room) {
                break; // left due: its lock ends with this transaction
            }
            events.add(event);
        }
        if (!events.isEmpty()) {
            jdbc.sql("update webhook_event set next_attempt_at = :lease where id in (:ids)")
                    .param("lease", Timestamp.from(leaseUntil)).param("ids", events.stream().map(Event::id).toList())
                    .update();
        }
        return events;
    }

    /**
     * A try's outcome: DELIVERED, PENDING again at {@code retryAt}, or FAILED when {@code retryAt}
     * is empty after a failure.
     */
    record Tried(Due due, int attempt, Outcome outcome, Integer responseCode, long latencyMillis, String error,
            Instant at, Optional<Instant> retryAt) {

        Tried {
            error = error == null || error.length() <= 500 ? error : error.substring(0, 500);
        }

        Status status() {
            return outcome == Outcome.DELIVERED ? Status.DELIVERED : retryAt.isPresent() ? Status.PENDING : Status.FAILED;
        }

        UUID id() {
            return due.id();
        }
    }

    /**
     * Stores the outcomes of a batch of tries and their attempt rows in one transaction, each
     * statement once as a JDBC batch: one commit per claimed batch rather than one per try, so the
     * worker's writes stay small beside the sends it runs next to. The events fanned out in the
     * batch become FANNED_OUT and their deliveries are written here, with their first outcome; an
     * event another run fanned out meanwhile (its lease ran out while this one was sending) keeps
     * that run's deliveries, and this run's tries of it are dropped: the receivers dedupe them.
     */
    @Transactional
    void outcomes(List<Tried> tries) {
        if (tries.isEmpty()) {
            return;
        }
        Set<UUID> fannedOut = fanOut(tries.stream().filter(t -> !t.due().stored()).map(t -> t.due().eventId())
                .distinct().toList());
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> attempts = new ArrayList<>(tries.size());
        for (Tried t : tries) {
            Timestamp at = Timestamp.from(t.at());
            Timestamp next = Timestamp.from(t.retryAt().orElse(t.at()));
            Timestamp delivered = t.outcome() == Outcome.DELIVERED ? at : null;
            Due due = t.due();
            if (due.stored()) {
                updates.add(new Object[] {t.status().name(), t.attempt(), t.responseCode(), t.error(), next, delivered,
                        due.id()});
            } else if (fannedOut.contains(due.eventId())) {
                inserts.add(new Object[] {due.id(), due.eventId(), due.endpointId(), due.type().name(),
                        Timestamp.from(due.createdAt()), t.status().name(), t.attempt(), next, Timestamp.from(due.giveUpAt()),
                        t.responseCode(), t.error(), delivered});
            } else {
                continue;
            }
            attempts.add(new Object[] {due.id(), t.attempt(), at, t.outcome().name(), t.responseCode(), t.latencyMillis(),
                    t.error()});
        }
        template.batchUpdate("""
                insert into webhook_delivery (id, event_id, endpoint_id, event_type, created_at, status, attempts,
                    next_attempt_at, give_up_at, last_response_code, last_error, delivered_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, inserts);
        template.batchUpdate("""
                update webhook_delivery set status = ?, attempts = ?, last_response_code = ?, last_error = ?,
                    next_attempt_at = ?, delivered_at = ?
                where id = ?
                """, updates);
        template.batchUpdate("""
                insert into webhook_attempt (delivery_id, attempt, attempted_at, outcome, response_code, latency_ms, error)
                values (?, ?, ?, ?, ?, ?, ?)
                """, attempts);
    }

    /** Marks the events FANNED_OUT; those this transaction moved (the others were fanned out by another run). */
    private Set<UUID> fanOut(List<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        int[] moved = template.batchUpdate("update webhook_event set status = 'FANNED_OUT' where id = ? and status = 'PENDING'",
                eventIds.stream().map(id -> new Object[] {id}).toList());
        Set<UUID> fannedOut = new HashSet<>();
        for (int i = 0; i < moved.length; i++) {
            if (moved[i] != 0) { // a driver may answer SUCCESS_NO_INFO (-2) for a row it changed
                fannedOut.add(eventIds.get(i));
            }
        }
        return fannedOut;
    }

    /** A delivery due again now, with a fresh retry window; its id stays, so the receiver can tell it is the same. */
    boolean resend(UUID id, Instant now, Instant giveUpAt) {
        return jdbc.sql("""
                update webhook_delivery set status = 'PENDING', next_attempt_at = :now, give_up_at = :giveUp
                where id = :id
                """).param("id", id).param("now", Timestamp.from(now)).param("giveUp", Timestamp.from(giveUpAt))
                .update() == 1;
    }

    Optional<WebhookDelivery> find(UUID id) {
        return jdbc.sql("select " + DELIVERY_COLUMNS + " from webhook_delivery where id = :id").param("id", id)
                .query(WebhookDeliveryStore::delivery).optional();
    }

    /** An endpoint's latest deliveries, newest first (index ix_webhook_delivery_endpoint). */
    List<WebhookDelivery> latest(long endpointId, int limit) {
        return jdbc.sql("select " + DELIVERY_COLUMNS + " from webhook_delivery where endpoint_id = :endpoint"
                + " order by created_at desc, id fetch first :limit rows only")
                .param("endpoint", endpointId).param("limit", limit).query(WebhookDeliveryStore::delivery).list();
    }

    List<WebhookAttempt> attempts(UUID deliveryId) {
        return jdbc.sql("""
                select attempt, attempted_at, outcome, response_code, latency_ms, error from webhook_attempt
                where delivery_id = :id order by attempt, id
                """).param("id", deliveryId)
                .query((rs, n) -> new WebhookAttempt(rs.getInt(1), rs.getTimestamp(2).toInstant(),
                        Outcome.valueOf(rs.getString(3)), (Integer) rs.getObject(4, Integer.class), rs.getLong(5),
                        rs.getString(6)))
                .list();
    }

    private static Event event(ResultSet rs, int n) throws SQLException {
        return new Event(rs.getObject("id", UUID.class), WebhookEventType.valueOf(rs.getString("event_type")),
                rs.getString("payload"), rs.getTimestamp("occurred_at").toInstant(),
                rs.getTimestamp("created_at").toInstant(), rs.getString("endpoint_ids"),
                rs.getTimestamp("give_up_at").toInstant());
    }

    private static WebhookDelivery delivery(ResultSet rs, int n) throws SQLException {
        Timestamp delivered = rs.getTimestamp("delivered_at");
        return new WebhookDelivery(rs.getObject("id", UUID.class), rs.getLong("endpoint_id"),
                WebhookEventType.valueOf(rs.getString("event_type")), Status.valueOf(rs.getString("status")),
                rs.getInt("attempts"), rs.getObject("last_response_code", Integer.class), rs.getString("last_error"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("next_attempt_at").toInstant(),
                delivered == null ? null : delivered.toInstant());
    }
}
