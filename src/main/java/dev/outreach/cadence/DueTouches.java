package dev.outreach.cadence;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** How many touches fall due by the end of today (UTC): enrollments the tick will write a message for. */
@Service
public class DueTouches {

    private final JdbcClient jdbc;
    private final Clock clock;

    DueTouches(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** COLD or ACTIVE enrollments whose next touch is due before midnight UTC (overdue ones included). */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public long dueToday() {
        Instant endOfDay = clock.instant().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        return jdbc.sql("""
                select count(*) from enrollment
                where status in ('COLD', 'ACTIVE') and next_touch_due_at < :end
                """).param("end", Timestamp.from(endOfDay)).query(Long.class).single();
    }
}
