package dev.outreach.content;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Enrollment rows for content tests (the cadence module owns enrollment) and what content remembers of them. */
final class ContentTestEnrollments {

    private ContentTestEnrollments() {
    }

    static long create(JdbcClient jdbc, long leadId, int cycle, String anglesUsed) {
        return create(jdbc, leadId, null, cycle, anglesUsed);
    }

    /** An enrollment in {@code campaignId} (null: none); {@code anglesUsed} as content stores them. */
    static long create(JdbcClient jdbc, long leadId, Long campaignId, int cycle, String anglesUsed) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                insert into enrollment (lead_id, campaign_id, status, re_contact_cycle, created_at, updated_at)
                values (?, ?, 'COLD', ?, ?, ?)
                """).params(leadId, campaignId, cycle, now, now).update();
        long id = jdbc.sql("select id from enrollment where lead_id = ? and " + (campaignId == null ? "campaign_id is null"
                : "campaign_id = " + campaignId)).param(leadId).query(Long.class).single();
        if (!anglesUsed.isEmpty()) {
            jdbc.sql("insert into enrollment_content (enrollment_id, angles_used) values (?, ?)").params(id, anglesUsed).update();
        }
        return id;
    }

    static String anglesUsed(JdbcClient jdbc, long enrollmentId) {
        return jdbc.sql("select angles_used from enrollment_content where enrollment_id = ?").param(enrollmentId)
                .query(String.class).optional().orElse("");
    }

    static int generationFailures(JdbcClient jdbc, long enrollmentId) {
        return jdbc.sql("select generation_failures from enrollment_content where enrollment_id = ?").param(enrollmentId)
                .query(Integer.class).optional().orElse(0);
    }
}
