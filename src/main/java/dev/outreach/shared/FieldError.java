package dev.outreach.shared;

/** One rejected input value: the field (or CSV column) it belongs to and why. */
public record FieldError(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
