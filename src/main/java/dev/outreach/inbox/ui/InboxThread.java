package dev.outreach.inbox.ui;

import java.util.Optional;

/**
 * The thread an inbox section works on: the reply the user opened and its lead.
 *
 * @param replyId the opened reply or automatic answer ({@code email_reply.id})
 * @param mailboxId the mailbox it came into, which is the mailbox that sent the thread
 * @param campaignId the campaign of the touch it answers, when it answers one
 */
public record InboxThread(long replyId, long leadId, Optional<Long> mailboxId, Optional<Long> campaignId) {
}
