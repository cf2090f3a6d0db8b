package dev.outreach.shared;

import java.time.Instant;

/**
 * The recipient wants no more mail: the unsubscribe link, a provider's unsubscribe event or a
 * spam complaint. The address is suppressed and the lead UNSUBSCRIBED, each by one listener
 * (the enrollment's flag is the cadence's, through the message's engagement).
 *
 * @param email the lead's address, null when it has none
 * @param reason "unsubscribed" or "complaint", as the suppression list shows it
 * @param cause what reported it, for the lead's audit log
 */
public record LeadUnsubscribed(long leadId, String email, String reason, String cause, Instant at) {
}
