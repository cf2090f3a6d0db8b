package dev.outreach.outreach;

import dev.outreach.shared.ChannelType;
import java.time.Instant;

/**
 * A message in doubt as the review screen shows it: what is known about the send that was cut
 * off. Lead values ({@code leadName}, {@code company}, {@code inFlight}) come from lead data and
 * are shown as text.
 *
 * @param channel the channel of the step it was on (empty when the step is gone from its sequence)
 * @param mailbox the mailbox it was sent from when that was recorded, else a sentence saying so
 * @param tries tries on the channel before this one
 * @param since when the doubt began (the send's lease ran out)
 * @param lastSmtpReply what the mailbox's SMTP server last answered, for email
 * @param inFlight the request that was in flight: where it went and what it said
 */
public record ReviewItem(OutreachMessage message, String leadName, String company, ChannelType channel,
        String mailbox, int tries, Instant since, String lastSmtpReply, String inFlight) {
}
