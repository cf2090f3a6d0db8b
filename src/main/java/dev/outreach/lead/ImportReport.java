package dev.outreach.lead;

import java.util.List;

/**
 * What an import found or did. {@code problems} lists bad lines (capped at
 * {@link #MAX_PROBLEMS}; {@code invalidRows} counts them all). {@code enrolled} counts the
 * new enrollments in the campaign's sequence when the import was asked to enroll.
 */
public record ImportReport(
        int totalRows,
        int validRows,
        int invalidRows,
        int duplicateRows,
        int created,
        int updated,
        int skippedDuplicates,
        int enrolled,
        boolean committed,
        List<LineProblem> problems) {

    public static final int MAX_PROBLEMS = 1000;

    /** One bad line: the CSV line number (the header is line 1), the column and why. */
    public record LineProblem(long line, String column, String message) {

        @Override
        public String toString() {
            return "Line " + line + (column == null ? "" : ", " + column) + ": " + message;
        }
    }
}
