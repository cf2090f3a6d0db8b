package dev.outreach.content;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Enrollment rows for content tests (the cadence module owns enrollment; content reads and writes two of its columns). */
final class ContentTestEnrollments {

    private ContentTestEnrollments() {
    }

    static long create(JdbcClient jdbc, long leadId, int cycle, String anglesUsed) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                insert into enrollment (lead_id, status, re_contact_cycle, angles_used, created_at, updated_at)
                values (?, 'COLD', ?, ?, ?, ?)
                """).params(leadId, cycle, anglesUsed, now, now).update();
        return jdbc.sql("select id from enrollment where lead_id = ?").param(leadId).query(Long.class).single();
    }

    static String anglesUsed(JdbcClient jdbc, long enrollmentId) {
        return jdbc.sql("select angles_used from enrollment where id = ?").param(enrollmentId).query(String.class).single();
    }

    static int generationFailures(JdbcClient jdbc, long enrollmentId) {
        return jdbc.sql("select generation_failures from enrollment where id = ?").param(enrollmentId).query(Integer.class).single();
    }
}
