package dev.outreach.lead;

import com.sanctionco.jmail.JMail;
import dev.outreach.shared.FieldError;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Syntax rules for a lead: one place for the form, the importer and the API. Field names in
 * the errors are the {@link LeadDraft} property names, which the form and import report show.
 */
@Component
class LeadValidator {

    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()./-]{7,25}$");
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    List<FieldError> validate(LeadDraft lead) {
        List<FieldError> errors = new ArrayList<>();
        if (lead.getEmail() == null && lead.getLinkedin() == null && lead.getWebsite() == null
                && lead.getContactFormUrl() == null && lead.getPhone() == null) {
            errors.add(new FieldError("email", "Give at least one contact point: email, LinkedIn, website, contact form or phone"));
        }
        if (lead.getFirstName() == null && lead.getLastName() == null && lead.getCompany() == null) {
            errors.add(new FieldError("lastName", "Give a name or a company"));
        }
        if (lead.getEmail() != null && !JMail.strictValidator().isValid(lead.getEmail())) {
            errors.add(new FieldError("email", "'" + lead.getEmail() + "' is not a valid email address"));
        }
        if (lead.getLinkedin() != null && LeadValues.linkedinId(lead.getLinkedin()).isEmpty()) {
            errors.add(new FieldError("linkedin",
                    "Use a LinkedIn profile URL (https://www.linkedin.com/in/name) or a profile id"));
        }
        url("website", lead.getWebsite(), errors);
        url("contactFormUrl", lead.getContactFormUrl(), errors);
        if (lead.getPhone() != null && !PHONE.matcher(lead.getPhone()).matches()) {
            errors.add(new FieldError("phone", "'" + lead.getPhone() + "' is not a phone number"));
        }
        if (lead.getTimeZone() != null && !isIanaZone(lead.getTimeZone())) {
            errors.add(new FieldError("timeZone",
                    "'" + lead.getTimeZone() + "' is not an IANA time zone such as America/Chicago"));
        }
        if (lead.getEmployeeCount() != null && lead.getEmployeeCount() < 0) {
            errors.add(new FieldError("employeeCount", "Cannot be negative"));
        }
        if (lead.getAnnualRevenue() != null && lead.getAnnualRevenue() < 0) {
            errors.add(new FieldError("annualRevenue", "Cannot be negative"));
        }
        length("linkedin", lead.getLinkedin(), 500, errors);
        length("phone", lead.getPhone(), 40, errors);
        length("timeZone", lead.getTimeZone(), 64, errors);
        length("firstName", lead.getFirstName(), 100, errors);
        length("lastName", lead.getLastName(), 100, errors);
        length("email", lead.getEmail(), 320, errors);
        length("company", lead.getCompany(), 200, errors);
        length("title", lead.getTitle(), 150, errors);
        length("industry", lead.getIndustry(), 100, errors);
        length("city", lead.getCity(), 100, errors);
        length("state", lead.getState(), 100, errors);
        length("country", lead.getCountry(), 100, errors);
        length("notes", lead.getNotes(), 4000, errors);
        return errors;
    }

    static boolean isIanaZone(String zone) {
        // Region ids only: "America/Chicago" yes, offsets such as "+02:00" or "GMT+2" no.
        return ZONES.contains(zone) && zone.contains("/");
    }

    private static void url(String field, String value, List<FieldError> errors) {
        urlProblem(value).ifPresent(problem -> errors.add(new FieldError(field, problem)));
    }

    /** Why a value is not an http(s) URL with a host, or empty when it is one (or null). */
    static Optional<String> urlProblem(String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.length() > 500) {
            return Optional.of("At most 500 characters");
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || !uri.getHost().contains(".")) {
                return Optional.of("'" + value + "' is not an http(s) URL such as https://example.com");
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("'" + value + "' is not a valid URL");
        }
    }

    private static void length(String field, String value, int max, List<FieldError> errors) {
        if (value != null && value.length() > max) {
            errors.add(new FieldError(field, "At most " + max + " characters"));
        }
    }
}
