package dev.outreach.shared;

import java.text.NumberFormat;
import java.util.Locale;

/** English for sentences people read: a count with its noun agreeing, the possessive of a name. */
public final class Wording {

    private Wording() {
    }

    /** "1 row", "2 rows", "1,234 rows": a regular plural (add an s). */
    public static String count(long n, String singular) {
        return count(n, singular, singular + "s");
    }

    /** "1 touch", "3 touches": the count grouped by thousands and the noun that agrees with it. */
    public static String count(long n, String singular, String plural) {
        return NumberFormat.getIntegerInstance(Locale.US).format(n) + " " + (n == 1 ? singular : plural);
    }

    /** "Dana's", "Contractors'": a name that ends in s takes the apostrophe alone. */
    public static String possessive(String name) {
        String stripped = name.strip();
        return stripped.endsWith("s") || stripped.endsWith("S") ? stripped + "'" : stripped + "'s";
    }
}
