package dev.outreach.lead;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The lead fields a CSV column can map to, with the header names each is guessed from and how
 * a cell is read into and written from a {@link LeadDraft}.
 */
public enum LeadField {
    FIRST_NAME("firstName", "First name", List.of("first name", "firstname", "first", "given name"),
            LeadDraft::setFirstName, LeadDraft::getFirstName),
    LAST_NAME("lastName", "Last name", List.of("last name", "lastname", "last", "surname", "family name"),
            LeadDraft::setLastName, LeadDraft::getLastName),
    /** Import only: split into first and last name, which their own columns, when mapped, override. */
    FULL_NAME("fullName", "Full name (split into first and last)",
            List.of("full name", "name", "contact name", "contact full name", "person name"),
            LeadField::readFullName, draft -> null),
    EMAIL("email", "Email", List.of("email", "e-mail", "email address", "mail", "work email",
            "business email", "primary email", "contact email"),
            LeadDraft::setEmail, LeadDraft::getEmail),
    LINKEDIN("linkedin", "LinkedIn", List.of("linkedin", "linkedin url", "linkedin profile", "linkedin id",
            "linkedin profile url", "person linkedin url", "linkedin profile link", "profile url", "linkedin link"),
            LeadDraft::setLinkedin, LeadDraft::getLinkedin),
    WEBSITE("website", "Website", List.of("website", "web site", "url", "homepage", "domain", "website url",
            "company website", "company domain", "company url", "web address"),
            LeadDraft::setWebsite, LeadDraft::getWebsite),
    CONTACT_FORM_URL("contactFormUrl", "Contact form URL", List.of("contact form url", "contact form", "contact url", "contact page"),
            LeadDraft::setContactFormUrl, LeadDraft::getContactFormUrl),
    PHONE("phone", "Phone", List.of("phone", "phone number", "telephone", "tel", "mobile",
            "mobile phone", "mobile phone number", "work phone", "direct phone", "work direct phone", "first phone",
            "corporate phone"),
            LeadDraft::setPhone, LeadDraft::getPhone),
    TIME_ZONE("timeZone", "Time zone", List.of("time zone", "timezone", "tz"),
            LeadDraft::setTimeZone, LeadDraft::getTimeZone),
    COMPANY("company", "Company", List.of("company", "company name", "organization", "organisation", "business", "account",
            "organization name", "account name", "employer", "current company"),
            LeadDraft::setCompany, LeadDraft::getCompany),
    TITLE("title", "Title", List.of("title", "job title", "position", "role"),
            LeadDraft::setTitle, LeadDraft::getTitle),
    INDUSTRY("industry", "Industry", List.of("industry", "vertical", "trade", "sector"),
            LeadDraft::setIndustry, LeadDraft::getIndustry),
    CITY("city", "City", List.of("city", "town"), LeadDraft::setCity, LeadDraft::getCity),
    STATE("state", "State", List.of("state", "region", "province", "state/region", "state/province"), LeadDraft::setState, LeadDraft::getState),
    COUNTRY("country", "Country", List.of("country", "country/region"), LeadDraft::setCountry, LeadDraft::getCountry),
    EMPLOYEE_COUNT("employeeCount", "Employees", List.of("employees", "employee count", "company size", "headcount",
            "number of employees", "company headcount"),
            (draft, value) -> draft.setEmployeeCount(value == null ? null : Integer.valueOf(digits(value))),
            draft -> draft.getEmployeeCount() == null ? null : draft.getEmployeeCount().toString()),
    ANNUAL_REVENUE("annualRevenue", "Annual revenue", List.of("annual revenue", "revenue"),
            (draft, value) -> draft.setAnnualRevenue(value == null ? null : Long.valueOf(digits(value))),
            draft -> draft.getAnnualRevenue() == null ? null : draft.getAnnualRevenue().toString()),
    NOTES("notes", "Notes", List.of("notes", "note", "comments"), LeadDraft::setNotes, LeadDraft::getNotes),
    STATUS("status", "Status", List.of("status", "lead status", "stage"),
            (draft, value) -> draft.setStatus(value == null ? null : status(value)),
            draft -> draft.getStatus() == null ? null : draft.getStatus().name());

    private final String property;
    private final String label;
    private final List<String> headerNames;
    private final BiConsumer<LeadDraft, String> reader;
    private final Function<LeadDraft, String> writer;

    LeadField(String property, String label, List<String> headerNames, BiConsumer<LeadDraft, String> reader,
            Function<LeadDraft, String> writer) {
        this.property = property;
        this.label = label;
        this.headerNames = headerNames;
        this.reader = reader;
        this.writer = writer;
    }

    /** The {@link LeadDraft} property, as named in validation errors. */
    public String property() {
        return property;
    }

    public String label() {
        return label;
    }

    /** Sets this field of the draft from a CSV cell; throws IllegalArgumentException naming a bad value. */
    void read(LeadDraft draft, String cell) {
        reader.accept(draft, LeadValues.clean(CsvCells.restore(cell)));
    }

    String write(LeadDraft draft) {
        return writer.apply(draft);
    }

    /** The field a CSV header most likely means, ignoring case, spaces, dashes and underscores. */
    public static Optional<LeadField> guess(String header) {
        String key = simplify(header);
        for (LeadField field : values()) {
            if (simplify(field.property).equals(key) || field.headerNames.stream().map(LeadField::simplify).anyMatch(key::equals)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    public static Optional<LeadField> forProperty(String property) {
        for (LeadField field : values()) {
            if (field.property.equals(property)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    private static String simplify(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static void readFullName(LeadDraft draft, String value) {
        FullName name = FullName.split(value);
        if (draft.getFirstName() == null) {
            draft.setFirstName(name.first());
        }
        if (draft.getLastName() == null) {
            draft.setLastName(name.last());
        }
    }

    private static LeadStatus status(String value) {
        for (LeadStatus status : LeadStatus.values()) {
            if (status.name().equalsIgnoreCase(value) || status.label().equalsIgnoreCase(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a lead status (" + java.util.Arrays.stream(LeadStatus.values())
                .map(LeadStatus::label).collect(java.util.stream.Collectors.joining(", ")) + ")");
    }

    private static String digits(String value) {
        String cleaned = value.replaceAll("[,$\\s]", "");
        if (!cleaned.matches("\\d{1,18}")) {
            throw new NumberFormatException("'" + value + "' is not a whole number");
        }
        return cleaned;
    }
}
