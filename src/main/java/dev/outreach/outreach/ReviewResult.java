package dev.outreach.outreach;

/** How a bulk review action went: {@code settled} messages changed; {@code alreadySettled} were no longer in doubt. */
public record ReviewResult(ReviewAction action, int settled, int alreadySettled) {
}
