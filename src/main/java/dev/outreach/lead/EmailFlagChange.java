package dev.outreach.lead;

import java.time.Instant;

/**
 * The lead's email channel was flagged for an operator, or an operator cleared the flag.
 *
 * @param actor  who did it ("system" for the IMAP poller)
 * @param reason what the flag said (lead data: show as text)
 */
public record EmailFlagChange(Instant at, String actor, boolean cleared, String reason) {
}
