package dev.outreach.channel.task;

/** Where a manual task stands: OPEN until an operator closes it or its deadline passes. */
public enum ManualTaskStatus {
    OPEN,
    SENT,
    FAILED,
    SKIPPED
}
