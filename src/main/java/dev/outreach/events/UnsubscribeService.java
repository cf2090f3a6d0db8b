package dev.outreach.events;

import dev.outreach.deliverability.SuppressionList;
import dev.outreach.lead.LeadDetails;
import dev.outreach.lead.LeadService;
import dev.outreach.outreach.OutreachService;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Unsubscribes the recipient of a message: the address goes on the suppression list and the
 * lead becomes UNSUBSCRIBED, in one transaction that commits before the page answers.
 */
@Service
public class UnsubscribeService {

    private final OutreachService outreach;
    private final LeadService leads;
    private final SuppressionList suppressions;
    private final AuditLog auditLog;
    private final Clock clock;

    UnsubscribeService(OutreachService outreach, LeadService leads, SuppressionList suppressions, AuditLog auditLog,
            Clock clock) {
        this.outreach = outreach;
        this.leads = leads;
        this.suppressions = suppressions;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** The address a link would unsubscribe, if the link is valid. */
    public Optional<String> addressFor(UUID messageId) {
        return SystemActor.call(() -> lead(messageId).map(lead -> lead.fields().getEmail()));
    }

    /** Unsubscribes; repeating it is harmless. Empty when the link matches no message. */
    @Transactional
    public Optional<String> unsubscribe(UUID messageId) {
        return SystemActor.call(() -> lead(messageId).map(lead -> {
            Instant now = clock.instant();
            String email = lead.fields().getEmail();
            if (email != null) {
                suppressions.suppressAddress(email, "unsubscribed", now);
            }
            leads.markUnsubscribed(lead.id(), now);
            auditLog.record("lead.unsubscribe", "lead", lead.id(), String.valueOf(lead.fields().getStatus()),
                    "UNSUBSCRIBED (link in message " + messageId + ")");
            return email;
        }));
    }

    private Optional<LeadDetails> lead(UUID messageId) {
        return outreach.leadOf(messageId).flatMap(leads::find);
    }
}
