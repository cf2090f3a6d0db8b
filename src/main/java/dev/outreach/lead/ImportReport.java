package dev.outreach.lead;

import java.util.List;

/**
 * What an import found or did. {@code problems} lists the errors of rejected lines and
 * {@code warnings} what was changed in lines that were kept (a value left empty); both are
 * capped at {@link #MAX_PROBLEMS}, while {@code invalidRows} and {@code warnedRows} count them all.
 * Rows that are only separators or blank are not data and not counted. {@code enrolled} counts
 * the new enrollments in the campaign's sequence when the import was asked to enroll.
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
        List<LineProblem> problems,
        int warnedRows,
        List<LineProblem> warnings) {

    public static final int MAX_PROBLEMS = 1000;

    /** One bad line, or one value of a line that was changed: the CSV line number (the header is line 1), the column and why. */
    public record LineProblem(long line, String column, String message) {

        @Override
        public String toString() {
            return "Line " + line + (column == null ? "" : ", " + column) + ": " + message;
        }
    }
}
