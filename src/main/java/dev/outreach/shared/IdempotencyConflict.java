package dev.outreach.shared;

/**
 * A request's Idempotency-Key was already used by the same client for a different request (422),
 * or its first use is still running (409). Nothing was changed.
 */
public class IdempotencyConflict extends RuntimeException {

    private final boolean stillRunning;

    IdempotencyConflict(String message, boolean stillRunning) {
        super(message);
        this.stillRunning = stillRunning;
    }

    /** True when the key's first request has not finished yet: the client may retry later. */
    public boolean stillRunning() {
        return stillRunning;
    }
}
