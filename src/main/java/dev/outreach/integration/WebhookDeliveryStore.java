package dev.outreach.integration;

import dev.outreach.integration.WebhookAttempt.Outcome;
import dev.outreach.integration.WebhookDelivery.Status;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The {@code webhook_delivery} and {@code webhook_attempt} tables: the webhooks' outbox and its log. */
@Component
class WebhookDeliveryStore {

    /** A claimed delivery, with what its request needs. */
    record Due(UUID id, long endpointId, WebhookEventType type, String payload, Instant occurredAt, int attempts,
            Instant giveUpAt) {
    }

    private static final String DELIVERY_COLUMNS = "id, endpoint_id, event_type, status, attempts, last_response_code,"
            + " last_error, created_at, next_attempt_at, delivered_at";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    WebhookDeliveryStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** One PENDING delivery per endpoint, due now, in the caller's transaction (the event's cause). */
    @Transactional(propagation = Propagation.REQUIRED)
    void record(WebhookEventType type, String payload, Instant occurredAt, List<Long> endpointIds, Instant now,
            Instant giveUpAt) {
        List<Object[]> rows = new ArrayList<>(endpointIds.size());
        for (long endpoint : endpointIds) {
            rows.add(new Object[] {UUID.randomUUID(), endpoint, type.name(), payload, Timestamp.from(occurredAt),
                    Timestamp.from(now), Timestamp.from(now), Timestamp.from(giveUpAt)});
        }
        template.batchUpdate("""
                insert into webhook_delivery (id, endpoint_id, event_type, payload, occurred_at, created_at, status,
                    attempts, next_attempt_at, give_up_at)
                values (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)
                """, rows);
    }

    /**
     * Claims due PENDING deliveries by moving their due time past the lease, so that no other run
     * takes them meanwhile and a worker that dies leaves them due again when it ends
     * (index ix_webhook_delivery_due).
     */
    @Transactional
    List<Due> claim(Instant now, int batch, Instant leaseUntil) {
        List<Due> due = jdbc.sql("""
                select id, endpoint_id, event_type, payload, occurred_at, attempts, give_up_at from webhook_delivery
                where status = 'PENDING' and next_attempt_at <= :now
                order by next_attempt_at
                fetch first :batch rows only
                for update skip locked
                """).param("now", Timestamp.from(now)).param("batch", batch)
                .query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getLong(2),
                        WebhookEventType.valueOf(rs.getString(3)), rs.getString(4), rs.getTimestamp(5).toInstant(),
                        rs.getInt(6), rs.getTimestamp(7).toInstant()))
                .list();
        if (!due.isEmpty()) {
            jdbc.sql("update webhook_delivery set next_attempt_at = :lease where id in (:ids)")
                    .param("lease", Timestamp.from(leaseUntil)).param("ids", due.stream().map(Due::id).toList())
                    .update();
        }
        return due;
    }

    /**
     * A try's outcome: DELIVERED, PENDING again at {@code retryAt}, or FAILED when {@code retryAt}
     * is empty after a failure.
     */
    record Tried(UUID id, int attempt, Outcome outcome, Integer responseCode, long latencyMillis, String error,
            Instant at, Optional<Instant> retryAt) {

        Tried {
            error = error == null || error.length() <= 500 ? error : error.substring(0, 500);
        }

        Status status() {
            return outcome == Outcome.DELIVERED ? Status.DELIVERED : retryAt.isPresent() ? Status.PENDING : Status.FAILED;
        }
    }

    /**
     * Stores the outcomes of a batch of tries and their attempt rows in one transaction, each
     * statement once as a JDBC batch: one commit per claimed batch rather than one per try, so the
     * worker's writes stay small beside the sends it runs next to.
     */
    @Transactional
    void outcomes(List<Tried> tries) {
        if (tries.isEmpty()) {
            return;
        }
        List<Object[]> updates = new ArrayList<>(tries.size());
        List<Object[]> attempts = new ArrayList<>(tries.size());
        for (Tried t : tries) {
            Timestamp at = Timestamp.from(t.at());
            updates.add(new Object[] {t.status().name(), t.attempt(), t.responseCode(), t.error(),
                    Timestamp.from(t.retryAt().orElse(t.at())), t.outcome() == Outcome.DELIVERED ? at : null, t.id()});
            attempts.add(new Object[] {t.id(), t.attempt(), at, t.outcome().name(), t.responseCode(), t.latencyMillis(),
                    t.error()});
        }
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

    private static WebhookDelivery delivery(ResultSet rs, int n) throws SQLException {
        Timestamp delivered = rs.getTimestamp("delivered_at");
        return new WebhookDelivery(rs.getObject("id", UUID.class), rs.getLong("endpoint_id"),
                WebhookEventType.valueOf(rs.getString("event_type")), Status.valueOf(rs.getString("status")),
                rs.getInt("attempts"), rs.getObject("last_response_code", Integer.class), rs.getString("last_error"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("next_attempt_at").toInstant(),
                delivered == null ? null : delivered.toInstant());
    }
}
