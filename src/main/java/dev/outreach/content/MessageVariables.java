package dev.outreach.content;

import dev.outreach.lead.LeadDetails;
import dev.outreach.lead.LeadDraft;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The names a template can use ({@code {{first_name}}}, ...) and their values for one lead. */
public final class MessageVariables {

    /** Every variable, in the order the editor lists them. */
    public static final List<String> NAMES = List.of("first_name", "last_name", "full_name", "company", "title",
            "industry", "city", "state", "country", "website", "sender_name", "unsubscribe", "angle");

    private MessageVariables() {
    }

    /** Lead values are untrusted: {@link TemplateRenderer} escapes them for HTML output. */
    public static Map<String, String> of(LeadDraft lead, String senderName, String unsubscribe, Angle angle) {
        Map<String, String> values = new LinkedHashMap<>();
        put(values, "first_name", lead.getFirstName());
        put(values, "last_name", lead.getLastName());
        put(values, "full_name", ((blankToEmpty(lead.getFirstName()) + " " + blankToEmpty(lead.getLastName())).strip()));
        put(values, "company", lead.getCompany());
        put(values, "title", lead.getTitle());
        put(values, "industry", lead.getIndustry());
        put(values, "city", lead.getCity());
        put(values, "state", lead.getState());
        put(values, "country", lead.getCountry());
        put(values, "website", lead.getWebsite());
        put(values, "sender_name", senderName);
        put(values, "unsubscribe", unsubscribe);
        put(values, "angle", angle == null ? null : angle.label());
        return values;
    }

    public static Map<String, String> of(LeadDetails lead, String senderName, String unsubscribe, Angle angle) {
        return of(lead.fields(), senderName, unsubscribe, angle);
    }

    /** A made-up lead with long values, for checks on save (the LinkedIn note limit) before any real lead exists. */
    public static LeadDraft sampleLead() {
        LeadDraft sample = new LeadDraft();
        sample.setFirstName("Alexandra");
        sample.setLastName("Vandenberghe");
        sample.setCompany("Northwind Logistics International");
        sample.setTitle("Head of Business Development");
        sample.setIndustry("Logistics and Supply Chain");
        sample.setCity("Rotterdam");
        sample.setState("South Holland");
        sample.setCountry("Netherlands");
        sample.setWebsite("https://northwind-logistics.example");
        return sample;
    }

    private static void put(Map<String, String> values, String name, String value) {
        if (value != null && !value.isBlank()) {
            values.put(name, value.strip());
        }
    }

    private static String blankToEmpty(String value) {
        return value == null ? "" : value.strip();
    }
}
