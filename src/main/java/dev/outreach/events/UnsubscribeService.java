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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stops all outreach to the recipient of a message: the address goes on the suppression list
 * and the lead becomes UNSUBSCRIBED. The unsubscribe link does it through an UNSUBSCRIBED event
 * of the message (so it shows in the message's events), committed before the page answers;
 * complaints do it through their own events.
 */
@Service
public class UnsubscribeService {

    private static final Logger log = LoggerFactory.getLogger(UnsubscribeService.class);

    private final OutreachService outreach;
    private final LeadService leads;
    private final SuppressionList suppressions;
    /** Looked up when used: the ingestion applies UNSUBSCRIBED events with {@link #stop}, so it depends on this service. */
    private final ObjectProvider<EmailEventIngestion> ingestion;
    private final AuditLog auditLog;
    private final TransactionTemplate transaction;
    private final Clock clock;

    UnsubscribeService(OutreachService outreach, LeadService leads, SuppressionList suppressions,
            ObjectProvider<EmailEventIngestion> ingestion, AuditLog auditLog, TransactionTemplate transaction, Clock clock) {
        this.outreach = outreach;
        this.leads = leads;
        this.suppressions = suppressions;
        this.ingestion = ingestion;
        this.auditLog = auditLog;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** The address a link would unsubscribe, if the link is valid. */
    public Optional<String> addressFor(UUID messageId) {
        return SystemActor.call(() -> lead(messageId).map(lead -> lead.fields().getEmail()));
    }

    /**
     * The unsubscribe link: records an UNSUBSCRIBED event of the message, whose effect is
     * {@link #stop}, and returns once that is committed. Every request counts (repeating it is
     * harmless). Should the event fail to record, the unsubscribe is done without it: it must
     * never fail. Empty when the link matches no message.
     */
    public Optional<String> unsubscribe(UUID messageId) {
        return SystemActor.call(() -> {
            Optional<LeadDetails> lead = lead(messageId);
            if (lead.isEmpty()) {
                return Optional.<String>empty();
            }
            Instant now = clock.instant();
            try {
                EmailEventIngestion.Outcome outcome = ingestion.getObject().ingest(new EmailEvent(TrackingService.PROVIDER,
                        UUID.randomUUID().toString(), EmailEventKind.UNSUBSCRIBED, messageId, null, now, false, false,
                        "Unsubscribed with the link in the message", null));
                if (outcome == EmailEventIngestion.Outcome.APPLIED) {
                    return Optional.ofNullable(lead.get().fields().getEmail());
                }
                log.warn("Message {}: the unsubscribe event was {}; unsubscribing without it", messageId, outcome);
            } catch (RuntimeException e) {
                log.warn("Message {}: the unsubscribe event could not be recorded; unsubscribing without it", messageId, e);
            }
            return transaction.execute(status -> stop(messageId, "unsubscribed", "link in message " + messageId));
        });
    }

    /**
     * Suppresses the address of the message's lead with {@code reason} and marks the lead
     * UNSUBSCRIBED, in the caller's transaction; {@code note} goes to the audit log. Returns the
     * address (empty when the message or its lead is gone, or the lead has no address).
     */
    @Transactional
    public Optional<String> stop(UUID messageId, String reason, String note) {
        return SystemActor.call(() -> lead(messageId).flatMap(lead -> {
            Instant now = clock.instant();
            String email = lead.fields().getEmail();
            if (email != null && !email.isBlank()) {
                suppressions.suppressAddress(email, reason, now);
            }
            leads.markUnsubscribed(lead.id(), now);
            auditLog.record("lead.unsubscribe", "lead", lead.id(), String.valueOf(lead.fields().getStatus()),
                    "UNSUBSCRIBED (" + note + ")");
            return Optional.ofNullable(email);
        }));
    }

    private Optional<LeadDetails> lead(UUID messageId) {
        return outreach.leadOf(messageId).flatMap(leads::find);
    }
}
