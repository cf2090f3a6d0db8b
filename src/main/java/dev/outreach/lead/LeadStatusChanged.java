package dev.outreach.lead;

import java.time.Instant;

/**
 * A lead's status changed: by its email (BOUNCED, UNSUBSCRIBED or REPLIED), by its first message
 * sent (NEW to CONTACTED) or by a person editing the lead; published by the lead module in the
 * transaction that changed it, once per real change. For modules that
 * tell other systems (the outgoing webhooks); nothing in the engine depends on it.
 *
 * @param cause what reported it, as the lead's audit log reads
 */
public record LeadStatusChanged(long leadId, LeadStatus from, LeadStatus to, String cause, Instant at) {
}
