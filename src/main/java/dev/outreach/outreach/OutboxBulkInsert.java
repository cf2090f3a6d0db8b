package dev.outreach.outreach;

import dev.outreach.shared.MessageStatus;

import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The outbox's bulk door: many new messages in one statement, in the caller's transaction (the
 * cadence tick writes a batch of touches with the enrollments it advances). On PostgreSQL one
 * {@code COPY ... FROM STDIN}, on H2 a JDBC batch; either way a set-based write whose cost
 * follows the batch, not a round trip per message.
 */
@Component
public class OutboxBulkInsert {

    private static final String COLUMNS = """
            id, lead_id, enrollment_id, touch, message_type, subject, body, status, status_reason, due_at,
            created_at, updated_at, sequence_id, step_index, first_channel""";

    private final JdbcTemplate template;
    private final boolean postgres;

    OutboxBulkInsert(DataSource dataSource) {
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

    /**
     * Releases a message the tick wrote DRAFTING with its text: PENDING (or SKIPPED with the
     * reason), due {@code now}. False when it was no longer DRAFTING (another tick released it).
     */
    public boolean releaseDraft(java.util.UUID id, String subject, String body, MessageStatus status, String reason,
            Instant now) {
        Timestamp at = Timestamp.from(now);
        return template.update("""
                update outreach_message set subject = ?, body = ?, status = ?, status_reason = ?, due_at = ?, updated_at = ?
                where id = ? and status = 'DRAFTING'
                """, subject, body, status.name(), reason, at, at, id) == 1;
    }

    /** Writes the messages due at {@code now}, each at the first step of its sequence. */
    public void insert(List<NewOutboxMessage> messages, Instant now) {
        if (messages.isEmpty()) {
            return;
        }
        if (postgres) {
            copy(messages, now);
            return;
        }
        Timestamp at = Timestamp.from(now);
        template.batchUpdate("insert into outreach_message (" + COLUMNS
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)", messages, 500, (statement, m) -> {
                    statement.setObject(1, m.id());
                    statement.setLong(2, m.leadId());
                    statement.setLong(3, m.enrollmentId());
                    statement.setInt(4, m.touch());
                    statement.setString(5, m.messageType());
                    statement.setString(6, m.subject());
                    statement.setString(7, m.body());
                    statement.setString(8, m.status().name());
                    statement.setString(9, m.statusReason());
                    statement.setTimestamp(10, at);
                    statement.setTimestamp(11, at);
                    statement.setTimestamp(12, at);
                    statement.setObject(13, m.sequenceId());
                    statement.setString(14, m.firstChannel() == null ? null : m.firstChannel().name());
                });
    }

    private void copy(List<NewOutboxMessage> messages, Instant now) {
        String at = now.toString();
        StringBuilder csv = new StringBuilder(messages.size() * 200);
        for (NewOutboxMessage m : messages) {
            csv.append(m.id()).append(',').append(m.leadId()).append(',').append(m.enrollmentId()).append(',')
                    .append(m.touch()).append(',');
            quoted(csv, m.messageType()).append(',');
            quoted(csv, m.subject()).append(',');
            quoted(csv, m.body()).append(',');
            quoted(csv, m.status().name()).append(',');
            quoted(csv, m.statusReason()).append(',');
            csv.append(at).append(',').append(at).append(',').append(at).append(',')
                    .append(m.sequenceId() == null ? "" : m.sequenceId().toString()).append(",0,");
            quoted(csv, m.firstChannel() == null ? null : m.firstChannel().name()).append('\n');
        }
        template.execute((ConnectionCallback<Long>) connection -> {
            String previous = planCacheMode(connection, "auto");
            long copied = copyIn(connection, csv.toString());
            // not restored when the COPY fails: the transaction is rolled back then, and the setting with it
            planCacheMode(connection, previous);
            return copied;
        });
    }

    /**
     * Sets {@code plan_cache_mode} for the rest of the transaction and returns the one it replaced.
     * The COPY runs with {@code auto}: each row it writes is checked against its three foreign keys
     * (lead, enrollment, sequence) by a statement PostgreSQL prepares once per connection, and the
     * pool's {@code force_custom_plan} (set for the leads grid) would have it planned again for every
     * row (in the tick benchmark a batch of 5,000 rows took 250 ms; the same rows through psql, about 105 ms).
     */
    private static String planCacheMode(Connection connection, String mode) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select current_setting('plan_cache_mode'), set_config('plan_cache_mode', ?, true)")) {
            statement.setString(1, mode);
            try (ResultSet previous = statement.executeQuery()) {
                previous.next();
                return previous.getString(1);
            }
        }
    }

    /** The driver is a runtime dependency: its COPY API through reflection on its public interfaces. */
    private static long copyIn(Connection connection, String csv) throws SQLException {
        try {
            Class<?> pgConnection = Class.forName("org.postgresql.PGConnection");
            Object copyManager = pgConnection.getMethod("getCopyAPI").invoke(connection.unwrap(pgConnection));
            return (Long) Class.forName("org.postgresql.copy.CopyManager")
                    .getMethod("copyIn", String.class, java.io.Reader.class).invoke(copyManager,
                            "copy outreach_message (" + COLUMNS + ") from stdin (format csv)", new StringReader(csv));
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof SQLException sql ? sql
                    : new SQLException("COPY into outreach_message failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new SQLException("The PostgreSQL driver's COPY API is not available", e);
        }
    }

    /** A CSV field: null is an unquoted empty field (NULL to COPY), any text is quoted with quotes doubled. */
    private static StringBuilder quoted(StringBuilder csv, String value) {
        if (value == null) {
            return csv;
        }
        return csv.append('"').append(value.replace("\"", "\"\"")).append('"');
    }
}
