package dev.outreach.inbox;

import java.time.Instant;

/** The automatic action taken on a reply, and what it did ("enrollment paused until ..."). */
public record AppliedAutomation(long replyId, IntentLabel label, AutomaticAction action, String outcome, Instant appliedAt) {
}
