package dev.outreach.deliverability;

import dev.outreach.security.SystemActor;
import dev.outreach.shared.AddressBounced;
import dev.outreach.shared.AfterCommitEffect;
import dev.outreach.shared.LeadUnsubscribed;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The one place an address is suppressed because of what happened to it: a bounce (whoever
 * reported it) or an unsubscribe or complaint. Idempotent: an address already on the list keeps
 * its first reason.
 */
@Component
class BouncedAndUnsubscribedAddresses {

    private final SuppressionList suppressions;

    BouncedAndUnsubscribedAddresses(SuppressionList suppressions) {
        this.suppressions = suppressions;
    }

    @AfterCommitEffect
    void on(AddressBounced event) {
        suppress(event.email(), event.reason(), event.at());
    }

    @AfterCommitEffect
    void on(LeadUnsubscribed event) {
        suppress(event.email(), event.reason(), event.at());
    }

    private void suppress(String email, String reason, Instant at) {
        if (email != null && !email.isBlank()) {
            SystemActor.run(() -> suppressions.suppressAddress(email, reason, at));
        }
    }
}
