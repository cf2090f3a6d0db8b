package dev.outreach.inbox;

import dev.outreach.security.SystemActor;
import dev.outreach.shared.AfterCommitEffect;
import org.springframework.stereotype.Component;

/**
 * Runs the label's automatic action right after the label commits, on the labelling thread (the
 * IMAP poller's, or the model job's), so that an out-of-office is snoozed before the poll ends;
 * in the event publication registry, so that an action cut off by a crash runs on restart.
 */
@Component
class InboxAutomationListener {

    private final InboxAutomation automation;

    InboxAutomationListener(InboxAutomation automation) {
        this.automation = automation;
    }

    @AfterCommitEffect
    void on(ReplyLabelled labelled) {
        SystemActor.run(() -> automation.apply(labelled));
    }
}
