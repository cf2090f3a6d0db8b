package dev.outreach.channel.contactform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The expectation next to a corpus page ({@code <page>.expected}), one {@code key: value} a
 * line, {@code #} for comments:
 * <pre>
 * builder: Contact Form 7
 * expect: POST {{path}} application/x-www-form-urlencoded     (or multipart/form-data; or GET {{path}})
 * field: your-name=Jane Doe                                  (every field, in order; \r\n for a line break)
 * honeypot: your-website                                     (a decoy: sent with its field line's value, or not at all)
 * </pre>
 * or {@code expect: skip js-rendered (HubSpot)} with the exact skip reason.
 */
record CorpusManifest(String builder, String skip, String method, String path, String encoding,
        List<FormEntry> fields, List<String> honeypots) {

    static CorpusManifest read(Path file, CorpusSite site, String page) throws IOException {
        String builder = null;
        String skip = null;
        String method = null;
        String path = null;
        String encoding = null;
        List<FormEntry> fields = new ArrayList<>();
        List<String> honeypots = new ArrayList<>();
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String key = line.substring(0, colon).strip();
            String value = site.expand(line.substring(colon + 1).strip(), page);
            switch (key) {
                case "builder" -> builder = value;
                case "expect" -> {
                    if (value.startsWith("skip ")) {
                        skip = value.substring(5);
                    } else {
                        String[] parts = value.split(" ", 3);
                        method = parts[0];
                        path = parts[1];
                        encoding = parts.length > 2 ? parts[2] : "application/x-www-form-urlencoded";
                    }
                }
                case "field" -> {
                    int equals = value.indexOf('=');
                    fields.add(new FormEntry(value.substring(0, equals), unescape(value.substring(equals + 1))));
                }
                case "honeypot" -> honeypots.add(value);
                default -> throw new IllegalArgumentException(file + ": unknown key '" + key + "'");
            }
        }
        if (builder == null || skip == null && method == null) {
            throw new IllegalArgumentException(file + ": needs a builder and an expect line");
        }
        return new CorpusManifest(builder, skip, method, path, encoding, fields, honeypots);
    }

    boolean skipped() {
        return skip != null;
    }

    boolean multipart() {
        return "multipart/form-data".equals(encoding);
    }

    private static String unescape(String value) {
        return value.replace("\\r", "\r").replace("\\n", "\n");
    }
}
