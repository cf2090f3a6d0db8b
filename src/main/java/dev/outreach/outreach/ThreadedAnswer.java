package dev.outreach.outreach;

import dev.outreach.campaign.SequenceConfig;
import dev.outreach.channel.Delivery;
import dev.outreach.shared.ChannelType;
import java.util.List;
import java.util.Optional;

/**
 * What makes an outreach message a person's answer in the lead's thread (a reply from the
 * console, see {@link ConsoleReplies}): the one mailbox it may go from and its threading headers
 * ({@code outreach_message.pinned_mailbox_id}, {@code in_reply_to}, {@code reference_ids}). It
 * follows {@link #PLAN}, email and nothing else, and otherwise every rule a touch follows
 * (suppression, the channel's and the mailbox's caps, a mailbox that may not send), except the
 * lead's "replied" stop and the per-lead cap, which space out the touches we start, not a
 * conversation the lead started.
 *
 * @param mailboxId the mailbox that sent the thread; empty only when it was removed since
 */
record ThreadedAnswer(Optional<Long> mailboxId, Optional<String> inReplyTo, List<String> references) {

    static final String MESSAGE_TYPE = "console_reply";

    /** One email step, no fallback: an answer in an email thread makes no sense on LinkedIn or a contact form. */
    static final SequenceConfig PLAN = new SequenceConfig(0, "Reply from the console (email only)",
            List.of(new SequenceConfig.Step(1, ChannelType.EMAIL, null, 2, 1)));

    ThreadedAnswer {
        references = List.copyOf(references);
    }

    static boolean isOne(OutreachMessage message) {
        return MESSAGE_TYPE.equals(message.messageType());
    }

    Delivery.Conversation conversation() {
        return new Delivery.Conversation(inReplyTo, references);
    }
}
