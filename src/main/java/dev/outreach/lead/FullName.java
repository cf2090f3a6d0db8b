package dev.outreach.lead;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * A "Full Name" cell split into first and last name: the last word is the last name, with the
 * particles before it ("van", "de la") and a suffix after it ("Jr."); "Last, First" is read as
 * written. A single word is a first name.
 */
record FullName(String first, String last) {

    private static final Set<String> PARTICLES = Set.of("van", "von", "der", "den", "de", "del", "della", "la", "le",
            "du", "da", "di", "dos", "das", "ter", "ten", "bin", "al", "st.");
    private static final Set<String> SUFFIXES = Set.of("jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "ph.d.",
            "md", "m.d.");

    static FullName split(String written) {
        String text = LeadValues.clean(written);
        if (text == null) {
            return new FullName(null, null);
        }
        int comma = text.indexOf(',');
        if (comma > 0 && !isSuffix(text.substring(comma + 1).strip())) {
            return new FullName(LeadValues.clean(text.substring(comma + 1)), LeadValues.clean(text.substring(0, comma)));
        }
        String[] words = text.replace(",", " ").strip().split("\\s+");
        if (words.length == 1) {
            return new FullName(words[0], null);
        }
        int lastStart = words.length - 1;
        if (isSuffix(words[lastStart]) && lastStart > 1) {
            lastStart--;
        }
        while (lastStart > 1 && PARTICLES.contains(words[lastStart - 1].toLowerCase(Locale.ROOT))) {
            lastStart--;
        }
        return new FullName(String.join(" ", Arrays.copyOfRange(words, 0, lastStart)),
                String.join(" ", Arrays.copyOfRange(words, lastStart, words.length)));
    }

    private static boolean isSuffix(String word) {
        return SUFFIXES.contains(word.toLowerCase(Locale.ROOT));
    }
}
