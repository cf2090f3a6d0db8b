package dev.outreach.inbox;

import dev.outreach.lead.LeadOutcome;
import java.util.List;
import java.util.Optional;

/**
 * The lead beside an open thread: who they are, where they are in which campaign, what their
 * replies were labelled. Lead data: untrusted, shown as text only.
 *
 * @param outcome what came of the conversation, as someone marked it from the inbox
 * @param labels the labels in force on their replies, newest reply first, each once
 */
public record LeadCard(long leadId, String name, Optional<String> email, Optional<String> company, Optional<String> title,
        String status, Optional<LeadOutcome> outcome, List<Enrollment> enrollments, List<IntentLabel> labels, Optional<String> assignee) {

    /** A campaign the lead is in: the touch it reached and the enrollment's status. */
    public record Enrollment(long campaignId, String campaign, int touch, String status) {
    }
}
