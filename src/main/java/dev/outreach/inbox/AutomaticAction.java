package dev.outreach.inbox;

/** What the inbox does on its own when a reply gets a label (see {@link InboxAutomation}). */
public enum AutomaticAction {
    NONE("No action"),
    UNSUBSCRIBE("Unsubscribe the lead"),
    SNOOZE("Snooze to the day after the reply's date (none given: the out-of-office pause)"),
    /** A "not now, try me in March": back into the sequence on that date, even though the reply ended it. */
    SNOOZE_UNTIL_DATE("Snooze until the reply's date, also after a reply (none given: no action)"),
    STOP_SEQUENCE("Stop the sequence"),
    STOP_AND_ASSIGN_OWNER("Stop the sequence and assign to the campaign's owner");

    private final String label;

    AutomaticAction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
