package dev.outreach.outreach;

import java.util.List;

/** A message with every attempt to deliver it, oldest first: the outreach history of a lead. */
public record MessageHistory(OutreachMessage message, List<OutreachAttempt> attempts) {
}
