package dev.outreach.lead;

import dev.outreach.shared.InvalidInputException;

/**
 * The operator's choices for an import; new leads get {@code source}. With {@code enroll}, the
 * leads the import creates or updates are enrolled in {@code campaignId}'s sequence, in the
 * import's transaction. A lead is in a campaign only by its enrollment, so a campaign without
 * {@code enroll}, or {@code enroll} without a campaign, is refused before anything is read or written.
 */
public record ImportOptions(InvalidRows invalidRows, Duplicates duplicates, String source, Long campaignId,
        boolean enroll) {

    public ImportOptions {
        if (enroll && campaignId == null) {
            throw new InvalidInputException("enroll",
                    "Choose a campaign to enroll the imported leads in, or import without enrolling them");
        }
        if (!enroll && campaignId != null) {
            throw new InvalidInputException("campaignId",
                    "Leads join a campaign by enrolling in it: enroll them, or import without a campaign");
        }
    }

    public enum InvalidRows {
        /** Import the valid rows, report the others. */
        IMPORT_VALID_ONLY,
        /** Import nothing when any row is invalid. */
        IMPORT_NOTHING
    }

    public enum Duplicates {
        /** Leave the existing lead untouched. */
        SKIP,
        /** Overwrite the existing lead's mapped fields with the row's values. */
        UPDATE
    }
}
