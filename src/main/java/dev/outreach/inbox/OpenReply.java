package dev.outreach.inbox;

import java.util.List;

/** A reply as the inbox opens it: its row (read now), the lead's whole thread in time order, and the lead's card. */
public record OpenReply(InboxRow reply, List<ThreadEntry> thread, LeadCard card) {
}
