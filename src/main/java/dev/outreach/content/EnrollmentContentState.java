package dev.outreach.content;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The two enrollment columns content owns: {@code angles_used} (see {@link AnglesUsed}) and
 * {@code generation_failures}; and the engine's {@code max_generation_failures}. The cadence
 * module owns the rest of the row (the re-contact reset clears the failures).
 */
@Repository
class EnrollmentContentState {

    private final JdbcClient jdbc;

    EnrollmentContentState(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    AnglesUsed anglesUsed(long enrollmentId) {
        return AnglesUsed.parse(jdbc.sql("select angles_used from enrollment where id = ?").param(enrollmentId)
                .query(String.class).optional().orElse(""));
    }

    void saveAnglesUsed(long enrollmentId, AnglesUsed used) {
        jdbc.sql("update enrollment set angles_used = ? where id = ?").params(used.format(), enrollmentId).update();
    }

    /** Counts one more failed generation and returns the new count. */
    int countGenerationFailure(long enrollmentId) {
        jdbc.sql("update enrollment set generation_failures = generation_failures + 1 where id = ?").param(enrollmentId).update();
        return jdbc.sql("select generation_failures from enrollment where id = ?").param(enrollmentId)
                .query(Integer.class).optional().orElse(0);
    }

    /** The lead's enrollment in this cycle (the most recently changed one when the lead is in several campaigns). */
    java.util.Optional<Long> enrollmentOf(long leadId, int cycle) {
        return jdbc.sql("""
                select id from enrollment where lead_id = ? and re_contact_cycle = ?
                order by updated_at desc, id desc fetch first 1 rows only
                """).params(leadId, cycle).query(Long.class).optional();
    }

    int maxSequenceSteps() {
        return jdbc.sql("select max_sequence_steps from sales_engine_config where id = 1")
                .query(Integer.class).optional().orElse(4);
    }

    int maxGenerationFailures() {
        return jdbc.sql("select max_generation_failures from sales_engine_config where id = 1")
                .query(Integer.class).optional().orElse(3);
    }
}
