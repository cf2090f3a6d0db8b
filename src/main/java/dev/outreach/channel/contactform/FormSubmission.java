package dev.outreach.channel.contactform;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A filled-in form, ready to encode and send. */
record FormSubmission(URI action, String method, boolean multipart, List<FormEntry> entries) {

    FormSubmission {
        entries = List.copyOf(entries);
    }

    /** The entries as an ordered map; values of a repeated name are joined with ", ". */
    Map<String, String> fieldMap() {
        Map<String, String> fields = new LinkedHashMap<>();
        entries.forEach(e -> fields.merge(e.name(), e.value(), (a, b) -> a + ", " + b));
        return fields;
    }
}
