package dev.outreach.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;

class ImportRefusalTests {

    @Test
    void aDuplicateSavedMeanwhileIsNamedByItsLineAndField() {
        // What the PostgreSQL driver reports when a batch insert meets a lead saved by someone else meanwhile.
        BatchUpdateException batch = new BatchUpdateException("Batch entry 1 insert into lead (first_name, ...) values"
                + " (...) was aborted: ERROR: duplicate key value violates unique constraint \"uq_lead_email\"", new int[0]);
        batch.setNextException(new SQLException("ERROR: duplicate key value violates unique constraint \"uq_lead_email\""
                + "\n  Detail: Key (email_normalized)=(ann@acme-hvac.com) already exists."));
        DuplicateKeyException refusal = new DuplicateKeyException("PreparedStatementCallback; SQL [insert into lead]", batch);

        String message = ImportRefusal.explain(refusal, 2, 501,
                Map.of("joann@acme-hvac.com", 4L, "ann@acme-hvac.com", 7L)).getMessage();

        assertThat(message).isEqualTo("file: Line 7, Email: another lead with this email address was saved while this"
                + " file was importing, so nothing was imported. Import the file again: that lead will then count as"
                + " existing.");
    }
}
