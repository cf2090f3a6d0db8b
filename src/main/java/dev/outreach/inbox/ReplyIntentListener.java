package dev.outreach.inbox;

import dev.outreach.events.InboundReplies;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.AfterCommitEffect;
import dev.outreach.shared.AutoReplyReceived;
import dev.outreach.shared.ReplyReceived;
import org.springframework.stereotype.Component;

/**
 * Labels a lead's replies and automatic answers when one arrives, by the rules alone (a few
 * regular expressions: the IMAP poller, on whose thread this runs after its commit, is not held
 * up; the model is asked later by {@link ModelLabelling}). Every reply of the lead without a label
 * is labelled, so a run the registry repeats after a crash, or a reply reported twice, labels
 * nothing twice.
 */
@Component
class ReplyIntentListener {

    private final InboundReplies replies;
    private final ReplyIntents intents;

    ReplyIntentListener(InboundReplies replies, ReplyIntents intents) {
        this.replies = replies;
        this.intents = intents;
    }

    @AfterCommitEffect
    void on(ReplyReceived event) {
        label(event.leadId());
    }

    @AfterCommitEffect
    void on(AutoReplyReceived event) {
        label(event.leadId());
    }

    private void label(long leadId) {
        SystemActor.run(() -> replies.ofLead(leadId).forEach(intents::classify));
    }
}
