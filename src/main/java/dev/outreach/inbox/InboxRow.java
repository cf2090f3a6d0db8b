package dev.outreach.inbox;

import java.time.Instant;
import java.util.Optional;

/**
 * One reply or automatic answer in the inbox list. Everything but the ids and the label came from
 * the lead's mail or the lead's record: untrusted, shown as text only.
 *
 * @param automatic an automatic answer (out of office and the like), not a person's reply
 * @param snippet the start of what they wrote, without the quoted history
 * @param label the label in force; empty while the reply has none yet
 */
public record InboxRow(long replyId, long leadId, Instant receivedAt, String from, String leadName, String company,
        Optional<Long> campaignId, Optional<String> campaign, Optional<Long> mailboxId, Optional<String> mailbox,
        boolean automatic, Optional<IntentLabel> label, Optional<IntentSource> labelSource, String subject, String snippet,
        boolean read, Optional<String> assignee) {
}
