package dev.outreach.lead;

import java.time.Instant;

/**
 * A lead's outcome changed (someone marked it interested, meeting booked or not interested),
 * published by the lead module in the transaction that changed it, once per real change; for the
 * modules that tell other systems (the outgoing {@code lead.interested} webhook).
 *
 * @param from the outcome before, null when it had none
 */
public record LeadOutcomeChanged(long leadId, LeadOutcome from, LeadOutcome to, Instant at) {
}
