package dev.outreach.inbox;

import java.time.Instant;

/** The automatic action for one label, as an admin set it (the defaults come with the migration). */
public record AutomationRule(IntentLabel label, AutomaticAction action, boolean enabled, String updatedBy, Instant updatedAt) {

    /** Whether a reply with this label gets an action. */
    public boolean acts() {
        return enabled && action != AutomaticAction.NONE;
    }
}
