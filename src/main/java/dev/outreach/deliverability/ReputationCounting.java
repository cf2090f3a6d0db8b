package dev.outreach.deliverability;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The one place reputation is counted: after the commit of whatever observed the events, on the
 * publisher's thread. Not in the event publication registry (only {@code AfterCommitEffect}
 * listeners are): a counter is not idempotent, so a crash may lose a count but never doubles one,
 * and a counter store that is down costs scoring, never a send or an event.
 */
@Component
class ReputationCounting {

    private static final Logger log = LoggerFactory.getLogger(ReputationCounting.class);

    private final ReputationService reputation;

    ReputationCounting(ReputationService reputation) {
        this.reputation = reputation;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ReputationEventsObserved events) {
        try {
            for (ReputationEventsObserved.Observed observed : events.observed()) {
                reputation.recordEmailEventScoped(observed.type(), null, observed.mailboxAddress());
            }
        } catch (RuntimeException e) {
            log.warn("Reputation not recorded for {} email events: {}", events.observed().size(), e.toString());
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ReputationEventsRetracted events) {
        try {
            for (ReputationEventsRetracted.Retracted retracted : events.retracted()) {
                reputation.retractEmailEventScoped(retracted.type(), null, retracted.mailboxAddress(),
                        retracted.countedAt());
            }
        } catch (RuntimeException e) {
            log.warn("Reputation not taken back for {} email events: {}", events.retracted().size(), e.toString());
        }
    }
}
