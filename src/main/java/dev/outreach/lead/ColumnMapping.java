package dev.outreach.lead;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Which lead field each CSV header feeds; unmapped headers are ignored. */
public record ColumnMapping(Map<String, LeadField> fieldsByHeader) {

    public ColumnMapping {
        fieldsByHeader = Collections.unmodifiableMap(new LinkedHashMap<>(fieldsByHeader));
    }

    /** Maps every header whose name suggests a lead field. */
    public static ColumnMapping guess(List<String> headers) {
        Map<String, LeadField> mapping = new LinkedHashMap<>();
        for (String header : headers) {
            LeadField.guess(header)
                    .filter(field -> !mapping.containsValue(field))
                    .ifPresent(field -> mapping.put(header, field));
        }
        return new ColumnMapping(mapping);
    }

    public Optional<LeadField> fieldFor(String header) {
        return Optional.ofNullable(fieldsByHeader.get(header));
    }

    public ColumnMapping with(String header, LeadField field) {
        Map<String, LeadField> copy = new LinkedHashMap<>(fieldsByHeader);
        copy.values().removeIf(existing -> existing == field);
        if (field == null) {
            copy.remove(header);
        } else {
            copy.put(header, field);
        }
        return new ColumnMapping(copy);
    }
}
