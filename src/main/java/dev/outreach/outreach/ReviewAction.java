package dev.outreach.outreach;

/** What a person decides for a message in doubt. */
public enum ReviewAction {
    /** It went out (seen in the mail server's log, the sent folder, the LinkedIn account): SENT. */
    CONFIRM_SENT("Confirm sent"),
    /** It did not go out: PENDING again, due now, on the step it was on. */
    SEND_AGAIN("Send again"),
    /** Not to be sent at all: SKIPPED with who dropped it. */
    DROP("Drop");

    private final String label;

    ReviewAction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
