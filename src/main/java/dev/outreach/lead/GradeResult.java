package dev.outreach.lead;

import java.util.Arrays;
import java.util.List;

/** A grade with the score behind it and one line per signal that contributed. */
public record GradeResult(Grade grade, int score, List<String> reasons) {

    private static final String SEPARATOR = "\n";

    String reasonsText() {
        return String.join(SEPARATOR, reasons);
    }

    static List<String> parseReasons(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.asList(text.split(SEPARATOR));
    }
}
