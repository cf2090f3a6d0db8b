package dev.outreach.shared;

/** What a request names does not exist (the REST API answers 404 with the message). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
