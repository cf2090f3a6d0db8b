package dev.outreach.channel.contactform;

/** A fetch that went wrong after the URL guard let it through: timeout, I/O, redirects, size. */
class FetchFailedException extends Exception {

    private final boolean retryable;

    FetchFailedException(String reason, boolean retryable) {
        super(reason);
        this.retryable = retryable;
    }

    FetchFailedException(String reason, boolean retryable, Throwable cause) {
        super(reason, cause);
        this.retryable = retryable;
    }

    /** Whether the same request later could succeed. */
    boolean retryable() {
        return retryable;
    }
}
