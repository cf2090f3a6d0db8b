package dev.outreach.shared;

/** The channels a touch can go out on, in the vocabulary of outreach-channels.md. */
public enum ChannelType {
    EMAIL("Email"),
    LINKEDIN("LinkedIn"),
    CONTACT_FORM("Contact form"),
    /** A manual call task for a person: no automatic sender yet. */
    PHONE("Phone");

    private final String label;

    ChannelType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
