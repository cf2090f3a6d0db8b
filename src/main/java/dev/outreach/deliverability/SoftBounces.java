package dev.outreach.deliverability;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Soft bounces add up: a temporary failure (mailbox full, over quota, greylisted for good) says
 * little once, but {@code threshold} of them for one address within {@code window} say the
 * address does not take mail, and it bounced like a hard bounce (the caller announces it, so the
 * address is suppressed on the one path every bounce takes), the figures in the reason
 * ("3 soft bounces in 14 days: 452 4.2.2 mailbox full"). Each soft bounce is recorded once: the
 * event ingestion calls this only for an event it has not seen.
 */
@Service
public class SoftBounces {

    private final JdbcClient jdbc;
    private final SoftBounceProperties properties;

    SoftBounces(JdbcClient jdbc, SoftBounceProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /**
     * Records one soft bounce of {@code email} that happened at {@code occurredAt}; when it makes
     * {@code threshold} within one window, returns the reason the address is to be suppressed.
     */
    @Transactional
    public Optional<String> record(String email, String detail, Instant occurredAt, Instant now) {
        String address = email.strip().toLowerCase(Locale.ROOT);
        lock(address, now);
        jdbc.sql("insert into soft_bounce (address, occurred_at, reason) values (:address, :at, :reason)")
                .param("address", address).param("at", Timestamp.from(occurredAt))
                .param("reason", truncate(detail, 200)).update();
        if (properties.threshold() == 0) {
            return Optional.empty();
        }
        // index ix_soft_bounce_address (address, occurred_at)
        List<Instant> around = jdbc.sql("""
                select occurred_at from soft_bounce
                where address = :address and occurred_at between :from and :to order by occurred_at
                """).param("address", address)
                .param("from", Timestamp.from(occurredAt.minus(properties.window())))
                .param("to", Timestamp.from(occurredAt.plus(properties.window())))
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).list();
        int most = mostWithinOneWindow(around, occurredAt);
        if (most < properties.threshold()) {
            return Optional.empty();
        }
        String reason = truncate(most + " soft bounces in " + properties.windowInWords()
                + (detail == null || detail.isBlank() ? "" : ": " + detail.strip()), SuppressionList.MAX_REASON);
        return Optional.of(reason);
    }

    /**
     * The most bounces in one window that contains {@code at} (sorted times): the window may
     * start before it, since bounces arrive out of order.
     */
    private int mostWithinOneWindow(List<Instant> sorted, Instant at) {
        int most = 0;
        int end = 0;
        for (int start = 0; start < sorted.size(); start++) {
            if (sorted.get(start).isAfter(at)) {
                break;
            }
            Instant last = sorted.get(start).plus(properties.window());
            while (end < sorted.size() && !sorted.get(end).isAfter(last)) {
                end++;
            }
            if (!last.isBefore(at)) {
                most = Math.max(most, end - start);
            }
        }
        return most;
    }

    /**
     * Serializes soft bounces of one address (a row lock on its soft_bounce_address row), so that
     * two arriving at once both see each other and the count is never missed.
     */
    private void lock(String address, Instant now) {
        jdbc.sql("insert into soft_bounce_address (address, updated_at) values (:address, :now) on conflict do nothing")
                .param("address", address).param("now", Timestamp.from(now)).update();
        jdbc.sql("update soft_bounce_address set updated_at = :now where address = :address")
                .param("address", address).param("now", Timestamp.from(now)).update();
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
