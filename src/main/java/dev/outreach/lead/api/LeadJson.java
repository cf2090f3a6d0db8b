package dev.outreach.lead.api;

import dev.outreach.lead.LeadDraft;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads lead JSON strictly: an unknown field (a typo, or one the engine computes such as
 * {@code grade}) or a value of the wrong type is a 400 naming the field, never silently dropped.
 */
@Component
class LeadJson {

    private final JsonMapper strict;

    LeadJson(JsonMapper json) {
        this.strict = json.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    /** A new lead's fields. */
    LeadDraft draft(JsonNode body) {
        requireObject(body, "");
        try {
            return strict.treeToValue(body, LeadDraft.class);
        } catch (JacksonException e) {
            throw new InvalidInputException(List.of(error("", e)));
        }
    }

    /** Sets the fields the body names on {@code draft}; a field set to null is cleared, one left out is kept. */
    void patch(LeadDraft draft, JsonNode body) {
        requireObject(body, "");
        try {
            strict.readerForUpdating(draft).readValue(body);
        } catch (JacksonException e) {
            throw new InvalidInputException(List.of(error("", e)));
        }
    }

    /**
     * The rows of {@code {"leads": [...]}}; every unreadable row is reported (field
     * {@code leads[i].name}, i from 0) before anything runs.
     */
    List<LeadDraft> rows(JsonNode body) {
        requireObject(body, "");
        List<FieldError> errors = new ArrayList<>();
        body.propertyNames().forEach(name -> {
            if (!name.equals("leads")) {
                errors.add(new FieldError(name, "Unknown field: the body is {\"leads\": [...]}"));
            }
        });
        JsonNode leads = body.get("leads");
        if (leads == null || !leads.isArray()) {
            errors.add(new FieldError("leads", "Give the leads as an array: {\"leads\": [{\"email\": ...}, ...]}"));
            throw new InvalidInputException(errors);
        }
        List<LeadDraft> rows = new ArrayList<>(leads.size());
        for (int i = 0; i < leads.size(); i++) {
            JsonNode row = leads.get(i);
            if (!row.isObject()) {
                errors.add(new FieldError("leads[" + i + "]", "Line " + (i + 1) + ": each lead is a JSON object"));
                continue;
            }
            try {
                rows.add(strict.treeToValue(row, LeadDraft.class));
            } catch (JacksonException e) {
                FieldError error = error("leads[" + i + "]", e);
                errors.add(new FieldError(error.field(), "Line " + (i + 1) + ": " + error.message()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return rows;
    }

    private static void requireObject(JsonNode body, String field) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException(field.isEmpty() ? "body" : field, "Send a JSON object");
        }
    }

    private static FieldError error(String prefix, JacksonException e) {
        String name = e.getPath().isEmpty() ? null : e.getPath().getLast().getPropertyName();
        String field = name == null ? (prefix.isEmpty() ? "body" : prefix) : (prefix.isEmpty() ? name : prefix + "." + name);
        String message = e instanceof UnrecognizedPropertyException
                ? "Unknown field (or one the engine computes, which cannot be written)"
                : "Not a valid value for this field";
        return new FieldError(field, message);
    }
}
