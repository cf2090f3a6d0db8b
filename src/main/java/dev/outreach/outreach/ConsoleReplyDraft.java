package dev.outreach.outreach;

import java.util.Optional;

/**
 * A reply written in the console to a lead's email thread.
 *
 * @param replyId the lead's mail it answers ({@code email_reply.id}); empty: its latest reply, else our last email
 * @param body the text as the lead is to read it (plain text)
 */
public record ConsoleReplyDraft(long leadId, Optional<Long> replyId, String body) {
}
