package dev.outreach.lead;

/** Where a lead stands overall; outreach moves it along, operators may set it by hand. */
public enum LeadStatus {
    NEW("New"),
    CONTACTED("Contacted"),
    ENGAGED("Engaged"),
    REPLIED("Replied"),
    UNSUBSCRIBED("Unsubscribed"),
    BOUNCED("Bounced"),
    DISQUALIFIED("Disqualified");

    private final String label;

    LeadStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
