package dev.outreach.lead;

import dev.outreach.security.SystemActor;
import dev.outreach.shared.AddressBounced;
import dev.outreach.shared.AfterCommitEffect;
import dev.outreach.shared.AuditLog;
import dev.outreach.shared.LeadUnsubscribed;
import dev.outreach.shared.ReplyReceived;
import org.springframework.stereotype.Component;

/**
 * The one place a lead's status follows its email: BOUNCED, UNSUBSCRIBED or REPLIED, whichever
 * module found out, with an audit entry when the status changed. Idempotent (the registry may
 * run a listener again after a restart): a lead already in that status is left alone and
 * audited once.
 */
@Component
class LeadEmailOutcomes {

    private final LeadService leads;
    private final AuditLog auditLog;

    LeadEmailOutcomes(LeadService leads, AuditLog auditLog) {
        this.leads = leads;
        this.auditLog = auditLog;
    }

    @AfterCommitEffect
    void on(AddressBounced event) {
        SystemActor.run(() -> leads.find(event.leadId()).ifPresent(lead -> {
            if (leads.markBounced(lead.id(), event.at())) {
                audit("lead.bounce", lead, "BOUNCED (" + event.cause() + ")");
            }
        }));
    }

    @AfterCommitEffect
    void on(LeadUnsubscribed event) {
        SystemActor.run(() -> leads.find(event.leadId()).ifPresent(lead -> {
            if (lead.fields().getStatus() != LeadStatus.UNSUBSCRIBED) {
                leads.markUnsubscribed(lead.id(), event.at());
                audit("lead.unsubscribe", lead, "UNSUBSCRIBED (" + event.cause() + ")");
            }
        }));
    }

    @AfterCommitEffect
    void on(ReplyReceived event) {
        SystemActor.run(() -> leads.find(event.leadId()).ifPresent(lead -> {
            if (leads.markReplied(lead.id(), event.at())) {
                audit("lead.reply", lead, "REPLIED (" + event.cause() + ")");
            }
        }));
    }

    private void audit(String action, LeadDetails lead, String after) {
        auditLog.record(action, "lead", lead.id(), String.valueOf(lead.fields().getStatus()), after);
    }
}
