package dev.outreach.lead;

/**
 * An action other modules add to the leads grid for the selected leads (cadence's "Enroll in
 * campaign") without the lead module depending on them: each Spring bean of this type becomes a
 * toolbar button, in {@link #order()}, enabled while leads are selected.
 */
public interface LeadBulkAction {

    int order();

    /** The button's text. */
    String label();

    /**
     * Runs for the selected leads (opens a dialog or acts at once); calls {@code done} after it
     * changed something, so that the grid refreshes. For "all matching the filter", resolve the
     * selection with {@link LeadService#ids} when acting, not before.
     */
    void run(LeadSelection selection, Runnable done);
}
