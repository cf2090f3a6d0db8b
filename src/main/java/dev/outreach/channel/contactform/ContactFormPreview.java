package dev.outreach.channel.contactform;

import java.util.List;

/**
 * What the contact-form channel would do with a page, shown without submitting anything.
 *
 * @param url the URL asked for, as the channel reads it (https assumed without a scheme)
 * @param valuesOf whose values fill the form: our sender identity and the first touch written
 *     for this lead or for a sample lead ("a sample lead (Alexandra Vandenberghe)")
 * @param subject the subject that would go into a subject field
 * @param pagesFetched every page fetched to get there, in order
 * @param analysis the form chosen and why, each field's role and value, the CAPTCHA and
 *     js-rendered verdicts, and whether the channel would submit
 */
public record ContactFormPreview(String url, String valuesOf, String subject, List<String> pagesFetched,
        FormAnalysis analysis) {

    public ContactFormPreview {
        pagesFetched = List.copyOf(pagesFetched);
    }
}
