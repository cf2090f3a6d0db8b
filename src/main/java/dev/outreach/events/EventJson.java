package dev.outreach.events;

import dev.outreach.shared.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One event object of a webhook body, read field by field; every error names the event's index
 * and the field ({@code events[3].sg_event_id}), and rejects the whole request.
 */
final class EventJson {

    private final JsonNode node;
    private final int index;

    private EventJson(JsonNode node, int index) {
        this.node = node;
        this.index = index;
    }

    /** The body's events: a JSON array of objects, or (when {@code singleAllowed}) one object. */
    static List<EventJson> read(JsonMapper json, byte[] body, boolean singleAllowed) {
        JsonNode root;
        try {
            root = json.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(body);
        } catch (JacksonException e) {
            throw new InvalidInputException("body", "Not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidInputException("body", "The body is empty");
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(nodes::add);
        } else if (root.isObject() && singleAllowed) {
            nodes.add(root);
        } else {
            throw new InvalidInputException("body", singleAllowed ? "Give an event object or an array of event objects"
                    : "Give a JSON array of event objects");
        }
        List<EventJson> events = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            if (!nodes.get(i).isObject()) {
                throw new InvalidInputException("events[" + i + "]", "Each event must be a JSON object");
            }
            events.add(new EventJson(nodes.get(i), i));
        }
        return events;
    }

    /** A string field that must be present and not blank, at most {@code max} characters. */
    String required(String field, int max) {
        return text(field, max).orElseThrow(() -> error(field, "Missing"));
    }

    /** A string field (numbers are taken as their text); empty when absent, null or blank. */
    Optional<String> text(String field, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString() && !value.isNumber()) {
            throw error(field, "Must be a string");
        }
        String text = value.asString().strip();
        if (text.length() > max) {
            throw error(field, "Longer than " + max + " characters");
        }
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** An integral number field that must be present. */
    long requiredLong(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw error(field, "Missing");
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw error(field, "Must be a whole number");
        }
        return value.longValue();
    }

    /** A boolean field; false when absent. Accepts true/false and, as some providers send, 1/0. */
    boolean flag(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber()) {
            return value.longValue() != 0;
        }
        throw error(field, "Must be true or false");
    }

    /** A required ISO-8601 time with an offset ({@code 2025-05-04T10:15:30.1234567-04:00}). */
    java.time.Instant requiredTime(String field) {
        String text = required(field, 60);
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw error(field, "Not an ISO-8601 time with offset, e.g. 2025-05-04T10:15:30Z");
        }
    }

    /** A nested object field (e.g. Mailgun's {@code delivery-status}), read with this event's index; empty when absent. */
    Optional<EventJson> object(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw error(field, "Must be an object");
        }
        return Optional.of(new EventJson(value, index));
    }

    /** The first object of an array field (e.g. SES's {@code bouncedRecipients}); empty when absent or empty. */
    Optional<EventJson> firstOf(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isEmpty()) {
            return Optional.empty();
        }
        if (!value.isArray() || !value.get(0).isObject()) {
            throw error(field, "Must be an array of objects");
        }
        return Optional.of(new EventJson(value.get(0), index));
    }

    /** A string field exactly as sent (not stripped, any length), for signatures over values; empty when absent. */
    Optional<String> raw(String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isString() ? Optional.empty() : Optional.of(value.asString());
    }

    /** The first string of an array field (SES's message tags: {@code "name": ["value"]}); empty when absent. */
    Optional<String> firstText(String field, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || !value.isArray() || value.isEmpty() || !value.get(0).isString()) {
            return Optional.empty();
        }
        String text = value.get(0).asString().strip();
        return text.isEmpty() || text.length() > max ? Optional.empty() : Optional.of(text);
    }

    /** A number field with a fraction (Mailgun's timestamps); empty when absent. */
    Optional<Double> decimal(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isNumber()) {
            throw error(field, "Must be a number");
        }
        return Optional.of(value.doubleValue());
    }

    /** The JSON object itself (for one that is parsed again, such as an SNS message). */
    static EventJson of(JsonNode node) {
        return new EventJson(node, 0);
    }

    /** The event as it came, kept in {@code email_event.raw_payload}. */
    String raw() {
        return node.toString();
    }

    InvalidInputException error(String field, String message) {
        return new InvalidInputException("events[" + index + "]." + field, message);
    }
}
