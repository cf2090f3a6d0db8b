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

    /** The event as it came, kept in {@code email_event.raw_payload}. */
    String raw() {
        return node.toString();
    }

    InvalidInputException error(String field, String message) {
        return new InvalidInputException("events[" + index + "]." + field, message);
    }
}
