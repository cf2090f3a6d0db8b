package dev.outreach.outreach;

import java.time.Clock;
import java.util.Collection;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes enrollments' waiting touches out of the outbox, in the caller's transaction: leads removed
 * from a campaign get nothing more from it, not even a touch the tick had already written. Such
 * messages end SKIPPED with the reason; one claimed or in flight is left to its sender.
 */
@Service
public class OutboxWithdrawal {

    private final OutreachStore store;
    private final Clock clock;

    OutboxWithdrawal(OutreachStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Returns how many messages it skipped. */
    @Transactional
    public int withdraw(Collection<Long> enrollmentIds, String reason) {
        return store.skipWaiting(enrollmentIds, reason, clock.instant());
    }
}
