package dev.outreach.outreach;

import java.util.Optional;
import java.util.UUID;

/**
 * The lead's mail a reply from the console answers ({@link ConsoleReplies}), as the module that
 * reads mail over IMAP records it: implemented by {@code events.InboundReplies}, since the events
 * module depends on this one and not the other way round.
 */
public interface RepliesToAnswer {

    /** A reply or automatic answer the poller recorded. */
    Optional<ReplyToAnswer> reply(long replyId);

    /** The lead's latest reply written by a person, else its latest automatic answer. */
    Optional<ReplyToAnswer> latestOf(long leadId);

    /**
     * @param answers our message it answers (by its In-Reply-To or References, else our last email to the lead)
     * @param mailboxId the mailbox it came into: the one that sent the thread
     * @param messageId its own Message-ID header, when it had one
     */
    record ReplyToAnswer(long replyId, long leadId, UUID answers, Optional<Long> mailboxId, Optional<String> messageId,
            String subject) {
    }
}
