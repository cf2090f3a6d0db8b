package dev.outreach.channel;

/** A URL that came from data was refused by {@link UrlGuard}; no connection was made. */
public class UrlRefusedException extends Exception {

    public UrlRefusedException(String reason) {
        super(reason);
    }

    /** Why the URL was refused, e.g. "loopback address 127.0.0.1 refused". */
    public String reason() {
        return getMessage();
    }
}
