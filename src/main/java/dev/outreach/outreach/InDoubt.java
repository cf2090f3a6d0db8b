package dev.outreach.outreach;

import java.time.Instant;

/**
 * A message in doubt: it was SENDING when its send was cut off (a crash, a restart, a reply the
 * server never gave), so it may or may not have gone out. {@code since} is when the doubt began.
 */
record InDoubt(OutreachMessage message, Instant since) {
}
