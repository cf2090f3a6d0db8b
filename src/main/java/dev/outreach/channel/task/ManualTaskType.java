package dev.outreach.channel.task;

/** What the operator is asked to do. */
public enum ManualTaskType {
    CONNECTION_REQUEST("Connection request"),
    DIRECT_MESSAGE("Direct message"),
    CALL("Call"),
    /** A contact form behind a CAPTCHA, filled and submitted by a person. */
    CONTACT_FORM("Contact form");

    private final String label;

    ManualTaskType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
