package dev.outreach.channel.contactform;

import java.util.Optional;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads a 2xx answer to a submission for signs that the site rejected it anyway: most form
 * plugins answer a failed validation with 200 and the form again, marked up with errors.
 */
final class SubmissionErrors {

    /** Per-field messages the big form plugins render only when something is wrong (Contact Form 7, HubSpot). */
    private static final String PLUGIN_MESSAGES = ".wpcf7-not-valid-tip, .hs-error-msg";
    /** States those plugins set on a rejected form or field, with or without a message. */
    private static final String PLUGIN_STATES = ".wpcf7-not-valid, form.wpcf7-form.invalid, form.wpcf7-form.failed, "
            + "form.wpcf7-form.spam, form.wpcf7-form.unaccepted, form[data-status=invalid], form[data-status=failed], "
            + "form[data-status=spam], .hs-error-msgs, [aria-invalid=true]";
    /** Generic markers: they also show success texts, or sit empty in templates, so their words decide. */
    private static final String GENERIC_MARKERS = ".error, .errors, .form-error, .field-error, .has-error, "
            + ".is-invalid, .invalid-feedback, .error-message, .validation-error, .alert-danger, "
            + ".wpcf7-response-output";
    private static final Pattern ERROR_WORDS = Pattern.compile(
            "(?i)\\b(error|errors|required|invalid|not valid|failed|problem|missing|incorrect)\\b");
    private static final Pattern JSON_ERROR = Pattern.compile(
            "(?i)\"(status|result)\"\\s*:\\s*\"(error|invalid|validation_failed|mail_failed|spam|aborted)\""
                    + "|\"errors\"\\s*:\\s*\\[\\s*[{\"]|\"success\"\\s*:\\s*false");

    private SubmissionErrors() {
    }

    /** The error the response shows, or empty when it reads like an accepted submission. */
    static Optional<String> in(HttpPage response) {
        if (response.isJson()) {
            return JSON_ERROR.matcher(response.text()).find()
                    ? Optional.of("the site answered with an error") : Optional.empty();
        }
        if (!response.isHtml()) {
            return Optional.empty();
        }
        Document page = response.document();
        Optional<String> message = page.select(PLUGIN_MESSAGES).stream()
                .map(Element::text)
                .filter(text -> !text.isBlank())
                .findFirst()
                .or(() -> page.select(GENERIC_MARKERS).stream()
                        .map(Element::text)
                        .filter(text -> ERROR_WORDS.matcher(text).find())
                        .findFirst());
        if (message.isPresent()) {
            return message.map(text -> "the form was rejected: " + shorten(text));
        }
        return page.select(PLUGIN_STATES).isEmpty() ? Optional.empty()
                : Optional.of("the form was rejected (the answer marks it invalid)");
    }

    private static String shorten(String text) {
        String stripped = text.strip();
        return stripped.length() <= 120 ? stripped : stripped.substring(0, 117) + "...";
    }
}
