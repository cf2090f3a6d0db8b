package dev.outreach.lead;

import dev.outreach.shared.FieldError;
import java.util.List;

/**
 * What a bulk upsert did, row by row: {@code line} is the row's position in the request, from 1.
 * Rows with errors changed nothing; the others were stored.
 */
public record BulkUpsertReport(int created, int updated, int rejected, List<Row> rows) {

    public enum Outcome { CREATED, UPDATED, ERROR }

    /** One row's outcome: the lead's id when it was stored, every error when it was not. */
    public record Row(int line, String email, Outcome outcome, Long id, List<FieldError> errors) {
    }
}
