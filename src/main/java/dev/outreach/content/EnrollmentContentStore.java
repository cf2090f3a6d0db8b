package dev.outreach.content;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for {@code enrollment_content}, the content module's memory per enrollment: the angles
 * the lead has seen there ({@link AnglesUsed}) and the failed generations of the current
 * re-contact cycle. Only this module writes the table; an enrollment without a row has seen no
 * angle and has no failure. Callers own the transactions.
 */
@Repository
class EnrollmentContentStore {

    private final JdbcClient jdbc;
    /** For the JDBC batches that {@link JdbcClient} does not offer. */
    private final JdbcTemplate batch;

    EnrollmentContentStore(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.batch = new JdbcTemplate(dataSource);
    }

    AnglesUsed anglesUsed(long enrollmentId) {
        return AnglesUsed.parse(jdbc.sql("select angles_used from enrollment_content where enrollment_id = ?")
                .param(enrollmentId).query(String.class).optional().orElse(""));
    }

    /** The angles seen in each of several enrollments, in one query (the primary key); those without a row are left out. */
    Map<Long, AnglesUsed> anglesUsed(Collection<Long> enrollmentIds) {
        Map<Long, AnglesUsed> used = new HashMap<>();
        if (!enrollmentIds.isEmpty()) {
            jdbc.sql("select enrollment_id, angles_used from enrollment_content where enrollment_id in (:ids)")
                    .param("ids", enrollmentIds)
                    .query((rs, n) -> used.put(rs.getLong(1), AnglesUsed.parse(rs.getString(2)))).list();
        }
        return used;
    }

    /** Stores each enrollment's angles (the whole list, as {@link AnglesUsed#format()} writes it). */
    void saveAnglesUsed(Map<Long, AnglesUsed> byEnrollment) {
        if (byEnrollment.isEmpty()) {
            return;
        }
        Set<Long> existing = new HashSet<>();
        List<Long> ids = List.copyOf(byEnrollment.keySet());
        for (int from = 0; from < ids.size(); from += 1000) {
            existing.addAll(jdbc.sql("select enrollment_id from enrollment_content where enrollment_id in (:ids)")
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + 1000))).query(Long.class).list());
        }
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        byEnrollment.forEach((enrollmentId, used) -> (existing.contains(enrollmentId) ? updates : inserts)
                .add(new Object[] {used.format(), enrollmentId}));
        // one batch per kind: a tick's batch of re-contact touches remembers thousands of angles at once
        batch.batchUpdate("update enrollment_content set angles_used = ? where enrollment_id = ?", updates);
        batch.batchUpdate("insert into enrollment_content (angles_used, enrollment_id) values (?, ?)", inserts);
    }

    /**
     * Counts one more failed generation in {@code cycle} and returns the cycle's count: a failure
     * in a later cycle than the stored count's starts again at one.
     */
    int countGenerationFailure(long enrollmentId, int cycle) {
        int updated = jdbc.sql("""
                update enrollment_content
                set generation_failures = case when failures_cycle = :cycle then generation_failures + 1 else 1 end,
                    failures_cycle = :cycle
                where enrollment_id = :id
                """).param("id", enrollmentId).param("cycle", cycle).update();
        if (updated == 0) {
            jdbc.sql("insert into enrollment_content (enrollment_id, failures_cycle, generation_failures) values (:id, :cycle, 1)")
                    .param("id", enrollmentId).param("cycle", cycle).update();
            return 1;
        }
        return jdbc.sql("select generation_failures from enrollment_content where enrollment_id = :id").param("id", enrollmentId)
                .query(Integer.class).single();
    }
}
