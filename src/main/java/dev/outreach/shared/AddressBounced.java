package dev.outreach.shared;

import java.time.Instant;

/**
 * A lead's email address failed for good, whoever found out: the mail server refused it when we
 * sent (the outreach module), a provider or a bounce mail reported it, or soft bounces added up
 * (the events module). The address is suppressed and the lead BOUNCED, each by one listener.
 *
 * @param email the address that bounced (as sent)
 * @param reason why, as the suppression list shows it
 * @param cause what reported it, for the lead's audit log ("hard bounce of message ...")
 */
public record AddressBounced(long leadId, String email, String reason, String cause, Instant at) {
}
