package dev.outreach.lead;

import dev.outreach.security.SystemActor;
import dev.outreach.shared.AfterCommitEffect;
import dev.outreach.shared.MessageSent;
import org.springframework.stereotype.Component;

/**
 * A lead's last outreach follows every message that went out to it, on any channel, and a NEW
 * lead becomes CONTACTED. Idempotent (the registry may run it again after a restart): the last
 * outreach only ever moves forward, so the same message, or an older one settled late, changes
 * nothing.
 */
@Component
class LeadOutreachRecord {

    private final LeadService leads;

    LeadOutreachRecord(LeadService leads) {
        this.leads = leads;
    }

    @AfterCommitEffect
    void on(MessageSent event) {
        // as the system: a publication run again on start has no signed-in user behind it
        SystemActor.run(() -> leads.recordOutreach(event.leadId(), event.sentAt()));
    }
}
