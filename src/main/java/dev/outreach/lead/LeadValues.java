package dev.outreach.lead;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Normalization rules for lead values, shared by the form, the importer and the entity. */
final class LeadValues {

    /** linkedin.com/in/{id} profile URLs, with or without www., country subdomain or trailing path. */
    static final Pattern LINKEDIN_URL = Pattern.compile(
            "^https?://([a-z]{2,3}\\.)?linkedin\\.com/in/([A-Za-z0-9\\-_%]{3,100})/?(\\?.*)?$",
            Pattern.CASE_INSENSITIVE);
    static final Pattern LINKEDIN_ID = Pattern.compile("^[A-Za-z0-9\\-_%]{3,100}$");
    /** A host name with a dot and no scheme, optionally a port and a path: what people write for a website. */
    private static final Pattern BARE_HOST = Pattern.compile(
            "^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\\.[a-z]{2,63}(?::\\d{1,5})?(?:[/?#]\\S*)?$",
            Pattern.CASE_INSENSITIVE);

    private LeadValues() {
    }

    static String clean(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    /**
     * A web address written without a scheme ("www.acme.com", "acme.com/contact") with https://
     * in front; anything else as it was, for the validator to judge.
     */
    static String withScheme(String url) {
        if (url != null && BARE_HOST.matcher(url).matches()) {
            return "https://" + url;
        }
        return url;
    }

    static String normalizeEmail(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    /** The profile id of a LinkedIn URL or bare id, lower-cased; empty when it is neither. */
    static Optional<String> linkedinId(String linkedin) {
        if (linkedin == null || linkedin.isBlank()) {
            return Optional.empty();
        }
        Matcher url = LINKEDIN_URL.matcher(linkedin.strip());
        if (url.matches()) {
            return Optional.of(url.group(2).toLowerCase(Locale.ROOT));
        }
        if (LINKEDIN_ID.matcher(linkedin.strip()).matches()) {
            return Optional.of(linkedin.strip().toLowerCase(Locale.ROOT));
        }
        return Optional.empty();
    }

    static String displayName(String firstName, String lastName, String company, Long id) {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
        if (!name.isEmpty()) {
            return name;
        }
        if (company != null && !company.isBlank()) {
            return company;
        }
        return "Lead #" + id;
    }
}
