package dev.outreach.deliverability;

import java.util.Locale;
import java.util.regex.Pattern;

/** Syntax of DNS names as admins type them: sending domains, suppressed domains, mail server hosts. */
final class DomainNames {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern TOP_LABEL = Pattern.compile("(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})");
    private static final Pattern IPV4 = Pattern.compile("(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    private DomainNames() {
    }

    /** Trimmed and lower-cased, with a trailing dot dropped; null stays null. */
    static String normalize(String name) {
        if (name == null) {
            return null;
        }
        String trimmed = name.strip().toLowerCase(Locale.ROOT);
        return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    /** A registrable-looking domain: two or more labels, letters/digits/hyphens, an alphabetic top label. */
    static boolean isDomain(String normalized) {
        if (normalized == null || normalized.isEmpty() || normalized.length() > 253) {
            return false;
        }
        String[] labels = normalized.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (int i = 0; i < labels.length - 1; i++) {
            if (!LABEL.matcher(labels[i]).matches()) {
                return false;
            }
        }
        return TOP_LABEL.matcher(labels[labels.length - 1]).matches();
    }

    /** A mail server: a domain, a single-label name (e.g. a container's) or an IPv4 address. */
    static boolean isHost(String normalized) {
        if (normalized == null || normalized.isEmpty() || normalized.length() > 253) {
            return false;
        }
        if (IPV4.matcher(normalized).matches() || isDomain(normalized)) {
            return true;
        }
        return LABEL.matcher(normalized).matches() && !normalized.chars().allMatch(Character::isDigit);
    }
}
