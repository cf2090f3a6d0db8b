package dev.outreach.lead;

import dev.outreach.shared.InvalidInputException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the operator reads when the database refuses rows of an import: the line and field in
 * words. The database's own message, with its SQL, goes to the log only.
 */
final class ImportRefusal {

    private static final Logger LOG = LoggerFactory.getLogger(ImportRefusal.class);

    /** The lead table's unique constraints, the field each guards and what a violation means during an import. */
    private enum Unique {
        EMAIL("uq_lead_email", LeadField.EMAIL, "another lead with this email address"),
        LINKEDIN("uq_lead_linkedin", LeadField.LINKEDIN, "another lead with this LinkedIn profile");

        private final String constraint;
        private final LeadField field;
        private final String other;

        Unique(String constraint, LeadField field, String other) {
            this.constraint = constraint;
            this.field = field;
            this.other = other;
        }
    }

    private ImportRefusal() {
    }

    /**
     * Explains a refused write of the rows from {@code firstLine} to {@code lastLine};
     * {@code lineByKey} gives the line of each normalized email and LinkedIn id, to find the row
     * a unique constraint refused.
     */
    static InvalidInputException explain(RuntimeException refusal, long firstLine, long lastLine,
            Map<String, Long> lineByKey) {
        LOG.warn("The database refused lines {}-{} of a lead import; nothing was imported", firstLine, lastLine, refusal);
        String text = messages(refusal).toLowerCase(Locale.ROOT);
        for (Unique unique : Unique.values()) {
            if (text.contains(unique.constraint)) {
                String where = lineByKey.entrySet().stream().filter(e -> mentions(text, e.getKey()))
                        .map(e -> "Line " + e.getValue()).findFirst().orElse(lines(firstLine, lastLine));
                return new InvalidInputException("file", where + ", " + unique.field.label() + ": " + unique.other
                        + " was saved while this file was importing, so nothing was imported. Import the file again:"
                        + " that lead will then count as existing.");
            }
        }
        return new InvalidInputException("file", lines(firstLine, lastLine) + ": the database refused to save one of"
                + " these rows, so nothing was imported. The details are in the application log.");
    }

    /** Whether the message names the value itself, not a longer one that contains it (ann@x.com in joann@x.com). */
    private static boolean mentions(String text, String value) {
        return Pattern.compile("(?<![\\w.+-])" + Pattern.quote(value) + "(?![\\w.-])").matcher(text).find();
    }

    private static String lines(long first, long last) {
        return first == last ? "Line " + first : "Lines " + first + " to " + last;
    }

    /** Every message of the cause chain, including a JDBC batch's chained exceptions, where drivers put the detail. */
    private static String messages(Throwable refusal) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = refusal; cause != null; cause = cause.getCause()) {
            text.append(cause.getMessage()).append('\n');
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql.getNextException(); next != null; next = next.getNextException()) {
                    text.append(next.getMessage()).append('\n');
                }
            }
        }
        return text.toString();
    }
}
