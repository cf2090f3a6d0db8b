package dev.outreach.lead;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a time zone as people write it in a spreadsheet ("EST", "UTC-07:00", "Pacific Time (US &amp;
 * Canada)", "america/chicago") as the IANA region id a lead stores. The names come from
 * {@code time-zone-names.txt}; a whole-hour offset becomes the fixed {@code Etc/GMT} zone of that offset.
 */
final class TimeZoneNames {

    /** "UTC-07:00", "GMT+2", "-0500", "UTC +5", and the "(UTC-07:00)" prefix of Windows display names. */
    private static final Pattern OFFSET = Pattern.compile(
            "^\\(?(?:UTC|GMT)?\\s*([+\\-\u2212])\\s*(\\d{1,2})(?::?(\\d{2}))?\\)?(?:\\s+(.*))?$", Pattern.CASE_INSENSITIVE);
    private static final Map<String, String> REGIONS = regions();
    private static final Map<String, String> NAMES = names();

    private TimeZoneNames() {
    }

    /** The IANA region id a written time zone means; empty when it is none we know. */
    static Optional<String> toIana(String written) {
        if (written == null || written.isBlank()) {
            return Optional.empty();
        }
        String text = written.strip().replaceAll("\\s+", " ");
        String key = text.toLowerCase(Locale.ROOT);
        if (REGIONS.containsKey(key)) {
            return Optional.of(REGIONS.get(key));
        }
        if (NAMES.containsKey(key)) {
            return Optional.of(NAMES.get(key));
        }
        Matcher offset = OFFSET.matcher(text);
        if (offset.matches()) {
            // "(UTC-05:00) Eastern Time (US & Canada)": the name says more than the offset (daylight saving time).
            if (offset.group(4) != null) {
                Optional<String> named = toIana(offset.group(4));
                if (named.isPresent()) {
                    return named;
                }
            }
            return fixedOffset(offset.group(1).equals("+"), Integer.parseInt(offset.group(2)),
                    offset.group(3) == null ? 0 : Integer.parseInt(offset.group(3)));
        }
        return Optional.empty();
    }

    /**
     * A whole-hour offset as its {@code Etc/GMT} zone, whose sign is POSIX's, the reverse of ISO's:
     * UTC-07:00 is Etc/GMT+7. Other offsets (+05:30) have no IANA zone of their own: empty.
     */
    private static Optional<String> fixedOffset(boolean east, int hours, int minutes) {
        if (minutes != 0 || hours > (east ? 14 : 12)) {
            return Optional.empty();
        }
        if (hours == 0) {
            return Optional.of("Etc/UTC");
        }
        return Optional.of("Etc/GMT" + (east ? "-" : "+") + hours);
    }

    private static Map<String, String> regions() {
        Map<String, String> regions = new HashMap<>();
        for (String zone : ZoneId.getAvailableZoneIds()) {
            if (LeadValidator.isIanaZone(zone)) {
                regions.put(zone.toLowerCase(Locale.ROOT), zone);
            }
        }
        return regions;
    }

    private static Map<String, String> names() {
        Map<String, String> names = new HashMap<>();
        try (InputStream in = TimeZoneNames.class.getResourceAsStream("time-zone-names.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\|");
                String name = parts[0].strip().toLowerCase(Locale.ROOT);
                String zone = parts[1].strip();
                if (!LeadValidator.isIanaZone(zone) || names.put(name, zone) != null) {
                    throw new IllegalStateException("time-zone-names.txt: bad or repeated line '" + line + "'");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(names);
    }
}
