package dev.outreach.lead;

/** The operator's choices for an import; new leads get {@code source} and, when set, {@code campaignId}. */
public record ImportOptions(InvalidRows invalidRows, Duplicates duplicates, String source, Long campaignId) {

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
