package dev.outreach.lead;

/**
 * What came of a lead, as the salesperson says (from the inbox): beside the status, which is what
 * the engine did, the outcome is what the conversation became.
 */
public enum LeadOutcome {
    INTERESTED("Interested"),
    MEETING_BOOKED("Meeting booked"),
    NOT_INTERESTED("Not interested");

    private final String label;

    LeadOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
