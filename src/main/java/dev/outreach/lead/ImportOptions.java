package dev.outreach.lead;

import dev.outreach.shared.InvalidInputException;

/**
 * The operator's choices for an import; new leads get {@code source} and, when set, {@code campaignId}.
 * With {@code enroll}, the leads the import creates or updates are also enrolled in that
 * campaign's sequence, in the import's transaction; it needs a campaign and is refused
 * without one before anything is read or written.
 */
public record ImportOptions(InvalidRows invalidRows, Duplicates duplicates, String source, Long campaignId,
        boolean enroll) {

    public ImportOptions {
        if (enroll && campaignId == null) {
            throw new InvalidInputException("enroll",
                    "Choose a campaign to enroll the imported leads in, or import without enrolling them");
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
