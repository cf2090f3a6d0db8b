package dev.outreach.lead;

import dev.outreach.security.SystemActor;
import dev.outreach.shared.MessageSent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A lead's last outreach follows every message that went out to it, on any channel, and a NEW
 * lead becomes CONTACTED: in the transaction that marks the message SENT, so the lead and the
 * message change together or not at all (a crash cannot leave one without the other), with no
 * publication and no transaction of its own per send (the send path's throughput). Idempotent
 * anyway: the last outreach only ever moves forward, so an older message settled late changes
 * nothing.
 */
@Component
class LeadOutreachRecord {

    private final LeadService leads;

    LeadOutreachRecord(LeadService leads) {
        this.leads = leads;
    }

    @EventListener
    @Transactional
    void on(MessageSent event) {
        // as the system: whoever's action sent the message, the lead's record is the engine's
        SystemActor.run(() -> leads.recordOutreach(event.leadId(), event.sentAt()));
    }
}
