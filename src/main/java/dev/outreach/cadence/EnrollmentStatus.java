package dev.outreach.cadence;

/**
 * Where an enrollment stands (column {@code enrollment.status}). The tick works on COLD and
 * ACTIVE ones; the re-contact worker takes CONTACTED ones back to COLD in a new cycle.
 */
public enum EnrollmentStatus {
    /** No touch yet in this cycle (step 0): new, or reset by the re-contact worker. */
    COLD,
    /** Some touches went out, more are to come. */
    ACTIVE,
    /** The final touch of the cycle went out: waits for a reply or for re-contact. */
    CONTACTED,
    /** The lead answered (set by reply handling); never touched again. */
    REPLIED,
    /** Stopped for good with {@code stopped_reason}: unsubscribed, hard bounce, suppressed. */
    STOPPED
}
