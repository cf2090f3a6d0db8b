package dev.outreach.cadence;

import java.util.UUID;

/**
 * How far an add-by-filter job got: leads gone through of the total matching the filter, what
 * became of them so far, whether it ended, and why it stopped when it did not run to the end
 * (an error, or its instance stopped: the chunks added stay, running the same filter again adds
 * only the rest).
 */
public record EnrollmentJobProgress(UUID id, long total, long done, EnrollResult result, boolean finished, String error) {

    /** Ended with every matching lead gone through. */
    public boolean succeeded() {
        return finished && error == null;
    }
}
