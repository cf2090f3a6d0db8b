package dev.outreach.lead;

import dev.outreach.security.SystemActor;
import dev.outreach.shared.AddressBounced;
import dev.outreach.shared.AfterCommitEffect;
import dev.outreach.shared.AuditLog;
import dev.outreach.shared.LeadUnsubscribed;
import dev.outreach.shared.ReplyReceived;
import org.springframework.context.ApplicationEventPublisher;
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
    private final ApplicationEventPublisher events;

    LeadEmailOutcomes(LeadService leads, AuditLog auditLog, ApplicationEventPublisher events) {
        this.leads = leads;
        this.auditLog = auditLog;
        this.events = events;
    }

    @AfterCommitEffect
    void on(AddressBounced event) {
        SystemActor.run(() -> leads.find(event.leadId()).ifPresent(lead -> {
            if (leads.markBounced(lead.id(), event.at())) {
                changed("lead.bounce", lead, LeadStatus.BOUNCED, event.cause(), event.at());
            }
        }));
    }

    @AfterCommitEffect
    void on(LeadUnsubscribed event) {
        SystemActor.run(() -> leads.find(event.leadId()).ifPresent(lead -> {
            if (lead.fields().getStatus() != LeadStatus.UNSUBSCRIBED) {
                leads.markUnsubscribed(lead.id(), event.at());
                changed("lead.unsubscribe", lead, LeadStatus.UNSUBSCRIBED, event.cause(), event.at());
            }
        }));
    }

    @AfterCommitEffect
    void on(ReplyReceived event) {
        SystemActor.run(() -> leads.find(event.leadId()).ifPresent(lead -> {
            if (leads.markReplied(lead.id(), event.at())) {
                changed("lead.reply", lead, LeadStatus.REPLIED, event.cause(), event.at());
            }
        }));
    }

    /** The audit entry and {@link LeadStatusChanged}, in the transaction that changed the status. */
    private void changed(String action, LeadDetails lead, LeadStatus to, String cause, java.time.Instant at) {
        auditLog.record(action, "lead", lead.id(), String.valueOf(lead.fields().getStatus()), to + " (" + cause + ")");
        events.publishEvent(new LeadStatusChanged(lead.id(), lead.fields().getStatus(), to, cause, at));
    }
}
