package dev.outreach.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the soak makes of the app's log. An entry is a line that starts with a timestamp and
 * the lines after it that do not (a stack trace). The soak fails on every ERROR, on every WARN
 * that carries a stack trace, and on every other WARN that is not one of the {@link #EXPECTED}
 * ones, each listed with why it is expected.
 */
record LogVerdict(int entries, List<String> errors, List<String> warnings, List<String> expectedWarnings) {

    /** Warnings the soak's own settings or known third-party notices cause, with the reason. */
    static final Map<Pattern, String> EXPECTED = Map.of(
            Pattern.compile(".*newer than the version Flyway has been verified with.*"),
            "H2 2.5 is newer than Flyway's verified list; EmbeddedDatabaseRecyclingTests covers the combination");

    private static final Pattern ENTRY = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d+\\S*\\s+(TRACE|DEBUG|INFO|WARN|ERROR)\\s.*");

    static LogVerdict of(Path log) throws IOException {
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        int entries = 0;
        String level = null;
        StringBuilder entry = null;
        boolean continued = false;
        for (String line : Files.readAllLines(log)) {
            Matcher m = ENTRY.matcher(line);
            if (m.matches()) {
                entries++;
                classify(level, entry, continued, errors, warnings, expected);
                level = m.group(1);
                entry = new StringBuilder(line);
                continued = false;
            } else if (entry != null && !line.isBlank()) {
                entry.append('\n').append(line);
                continued = true;
            }
        }
        classify(level, entry, continued, errors, warnings, expected);
        return new LogVerdict(entries, errors, warnings, expected);
    }

    private static void classify(String level, StringBuilder entry, boolean stackTrace, List<String> errors,
            List<String> warnings, List<String> expected) {
        if (entry == null) {
            return;
        }
        String text = entry.toString();
        if ("ERROR".equals(level)) {
            errors.add(text);
        } else if ("WARN".equals(level)) {
            String message = text.lines().findFirst().orElse("");
            boolean known = !stackTrace && EXPECTED.keySet().stream().anyMatch(p -> p.matcher(message.substring(
                    message.indexOf(" : ") + 3)).matches());
            (known ? expected : warnings).add(text);
        }
    }

    boolean clean() {
        return errors.isEmpty() && warnings.isEmpty();
    }

    String summary() {
        return entries + " log entries, " + errors.size() + " ERROR, " + warnings.size() + " unexpected WARN, "
                + expectedWarnings.size() + " expected WARN";
    }
}
