package dev.outreach.inbox;

/** Who gave a reply its label. */
public enum IntentSource {
    RULE, MODEL, PERSON
}
