package dev.outreach.events;

import dev.outreach.lead.LeadDetails;
import dev.outreach.lead.LeadService;
import dev.outreach.outreach.OutreachService;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.LeadUnsubscribed;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The unsubscribe link: stops all outreach to the recipient of a message (address suppressed,
 * lead UNSUBSCRIBED) through an UNSUBSCRIBED event of the message, so that it shows with the
 * message's events and its effects are the ingestion's, committed before the page answers.
 */
@Service
public class UnsubscribeService {

    private static final Logger log = LoggerFactory.getLogger(UnsubscribeService.class);

    private final OutreachService outreach;
    private final LeadService leads;
    private final EmailEventIngestion ingestion;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;

    UnsubscribeService(OutreachService outreach, LeadService leads, EmailEventIngestion ingestion,
            ApplicationEventPublisher events, TransactionTemplate transaction, Clock clock) {
        this.outreach = outreach;
        this.leads = leads;
        this.ingestion = ingestion;
        this.events = events;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** The address a link would unsubscribe, if the link is valid. */
    public Optional<String> addressFor(UUID messageId) {
        return SystemActor.call(() -> lead(messageId).map(lead -> lead.fields().getEmail()));
    }

    /**
     * Records an UNSUBSCRIBED event of the message and returns once its effects are committed.
     * Every request counts (repeating it is harmless). Should the event fail to record, the
     * address is suppressed and the lead unsubscribed without it: an unsubscribe must never
     * fail. Empty when the link matches no message.
     */
    public Optional<String> unsubscribe(UUID messageId) {
        return unsubscribe(messageId, "Unsubscribed with the link in the message");
    }

    /**
     * Like {@link #unsubscribe(UUID)}, for an unsubscribe asked another way (a reply read in the
     * inbox): {@code how} is what the message's event says.
     */
    public Optional<String> unsubscribe(UUID messageId, String how) {
        return SystemActor.call(() -> {
            Optional<LeadDetails> lead = lead(messageId);
            if (lead.isEmpty()) {
                return Optional.<String>empty();
            }
            Instant now = clock.instant();
            try {
                EmailEventIngestion.Outcome outcome = ingestion.ingest(new EmailEvent(TrackingService.PROVIDER,
                        UUID.randomUUID().toString(), EmailEventKind.UNSUBSCRIBED, messageId, null, now, false, false,
                        how, null));
                if (outcome == EmailEventIngestion.Outcome.APPLIED) {
                    return Optional.ofNullable(lead.get().fields().getEmail());
                }
                log.warn("Message {}: the unsubscribe event was {}; unsubscribing without it", messageId, outcome);
            } catch (RuntimeException e) {
                log.warn("Message {}: the unsubscribe event could not be recorded; unsubscribing without it", messageId, e);
            }
            return unsubscribeWithoutEvent(messageId, how, now);
        });
    }

    /**
     * Without the email event: {@link LeadUnsubscribed} all the same, whose listeners (the ones
     * every unsubscribe takes) suppress the address and unsubscribe the lead right after the commit.
     */
    private Optional<String> unsubscribeWithoutEvent(UUID messageId, String how, Instant now) {
        return transaction.execute(status -> lead(messageId).flatMap(lead -> {
            String email = lead.fields().getEmail();
            events.publishEvent(new LeadUnsubscribed(lead.id(), email, "unsubscribed",
                    how + " (message " + messageId + ")", now));
            return Optional.ofNullable(email);
        }));
    }

    private Optional<LeadDetails> lead(UUID messageId) {
        return outreach.leadOf(messageId).flatMap(leads::find);
    }
}
