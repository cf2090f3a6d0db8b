package dev.outreach.channel.contactform;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a 2xx answer to a submission for what the site said about it. SENT needs evidence: a
 * redirect to a thank-you page, a plugin's success marker, success wording in the page text, or
 * a success JSON. Error wording in the page's visible text (or a plugin's error message, or an
 * error JSON), or the same form shown again, means the site refused it. A CSS class alone says
 * nothing: plugins ship their error containers empty in every page, and themes style success
 * boxes with "error" classes. What is neither is SENT, but unconfirmed.
 */
final class SubmissionEvidence {

    /** What the answer shows. {@code quote} is the site's own words (or what we saw), for the attempt. */
    sealed interface Verdict {
        String quote();
    }

    record Confirmed(String quote) implements Verdict {
    }

    record Rejected(String quote) implements Verdict {
    }

    record Unconfirmed(String quote) implements Verdict {
    }

    /** Messages the plugins render only when a submission failed (Contact Form 7, HubSpot, Gravity Forms, WPForms). */
    private static final String PLUGIN_ERRORS = ".wpcf7-not-valid-tip, .hs-error-msg, .gform_validation_errors, "
            + ".validation_message, .wpforms-error, label.wpforms-error, .frm_error, .frm_error_style, .nf-error-msg";
    /** Messages or states the plugins render only after a successful submission. */
    private static final String PLUGIN_SUCCESS = ".wpcf7-mail-sent-ok, form.wpcf7-form.sent .wpcf7-response-output, "
            + "form[data-status=sent] .wpcf7-response-output, "
            + ".gform_confirmation_message, .gform_confirmation_wrapper, .wpforms-confirmation-container, "
            + ".wpforms-confirmation-container-full, .frm_message, .nf-response-msg, .submitted-message, "
            + ".hs-form__thankyou-message";
    private static final Pattern ERROR_WORDS = Pattern.compile("(?i)(there (was|has been|is) (an? )?(error|problem)"
            + "|an error (has )?occurred|error (occurred|sending|submitting)|\\berror:|failed to send|could not be sent"
            + "|couldn'?t be sent|was not sent|unable to (send|submit|process)|(fill|fill in|fill out|complete) (in |out )?"
            + "(all |the )?(the )?required|(this|the|a) (field|value) is (required|invalid)|\\bis required\\b|is invalid"
            + "|\\binvalid (e-?mail|phone|input|entry|value|field|request|submission|token)|please (enter|provide|correct|check"
            + " the)|one or more fields have an error|validation (failed|error)|not (a )?valid|try again later"
            + "|(flagged|marked|detected) as spam|submission (failed|was rejected))");
    private static final Pattern SUCCESS_WORDS = Pattern.compile("(?i)(thank(s| you)( so much| very much)?"
            + "( for (your|contacting|reaching|getting|submitting|the|writing|sending|filling|taking)|\\s*[!.,]|\\s*$)"
            + "|we('| a|’)?ll be in touch|we will be in touch|will (get back|be in touch|contact you|respond)"
            + "|(message|form|request|inquiry|enquiry|submission|details) (has|have) been (successfully )?"
            + "(sent|received|submitted)|(message|form|request|inquiry|enquiry|submission) was (successfully )?"
            + "(sent|received|submitted)|we('ve| have) received your|we('ve| have)? got (it|your)"
            + "|successfully (sent|submitted|received))");
    private static final Pattern THANK_YOU_PATH = Pattern.compile(
            "(?i)(thank|thanks|thankyou|success|confirm|confirmation|received|merci|danke|gracias|message-sent|sent)");
    private static final Set<String> JSON_ERROR_STATUSES = Set.of("error", "invalid", "validation_failed",
            "mail_failed", "spam", "aborted", "failed", "fail");
    private static final Set<String> JSON_SUCCESS_STATUSES = Set.of("mail_sent", "success", "ok", "sent");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SubmissionEvidence() {
    }

    /** The verdict on {@code response}, a 2xx answer to {@code submission}. */
    static Verdict of(FormSubmission submission, HttpPage response) {
        if (response.isJson()) {
            return json(response.text());
        }
        if (!response.isHtml()) {
            return new Unconfirmed("the site answered " + response.contentType());
        }
        Document page = response.document();
        String text = visibleText(page);
        Optional<String> pluginError = firstText(page.select(PLUGIN_ERRORS));
        if (pluginError.isPresent()) {
            return new Rejected(pluginError.get());
        }
        Optional<String> pluginSuccess = firstText(page.select(PLUGIN_SUCCESS));
        if (pluginSuccess.isPresent()) {
            return new Confirmed(pluginSuccess.get());
        }
        Optional<String> errorSentence = sentence(text, ERROR_WORDS);
        if (errorSentence.isPresent()) {
            return new Rejected(errorSentence.get());
        }
        boolean redirected = !response.uri().equals(submission.action());
        if (redirected && THANK_YOU_PATH.matcher(pathOf(response.uri())).find()) {
            return new Confirmed("redirected to " + pathOf(response.uri()));
        }
        Optional<String> successSentence = sentence(text, SUCCESS_WORDS);
        if (showsTheFormAgain(page, submission) && successSentence.isEmpty()) {
            return new Rejected("the site showed the same form again, with no confirmation");
        }
        return successSentence.<Verdict>map(Confirmed::new)
                .orElseGet(() -> new Unconfirmed("no confirmation or error in the answer (HTTP " + response.status()
                        + (redirected ? ", " + pathOf(response.uri()) : "") + ")"));
    }

    /**
     * Contact Form 7's REST answer ({@code status}: mail_sent, validation_failed, mail_failed,
     * spam), WordPress' admin-ajax ({@code success}: true/false, used by WPForms and Elementor),
     * and the generic {@code errors} list; the site's {@code message} is quoted when there is one.
     */
    private static Verdict json(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            return new Unconfirmed("the site answered with unreadable JSON");
        }
        String message = message(root);
        String status = root.path("status").asString("").toLowerCase(Locale.ROOT);
        if (JSON_ERROR_STATUSES.contains(status) || root.path("success").isBoolean() && !root.path("success").asBoolean()
                || hasErrors(root.path("errors"))) {
            return new Rejected(message.isEmpty() ? "the site answered " + shorten(body) : message);
        }
        if (JSON_SUCCESS_STATUSES.contains(status) || root.path("success").asBoolean(false)) {
            return new Confirmed(message.isEmpty() ? "the site answered " + shorten(body) : message);
        }
        return new Unconfirmed("the site answered " + shorten(body));
    }

    private static String message(JsonNode root) {
        for (JsonNode node : List.of(root.path("message"), root.path("data").path("message"),
                root.path("data").path("confirmation"), root.path("data"))) {
            if (node.isString() && !node.asString().isBlank()) {
                return shorten(org.jsoup.Jsoup.parse(node.asString()).text());
            }
        }
        return "";
    }

    private static boolean hasErrors(JsonNode errors) {
        return (errors.isArray() || errors.isObject()) && !errors.isEmpty();
    }

    private static final Set<String> INVISIBLE_TAGS = Set.of("script", "style", "template", "noscript", "head");
    private static final Pattern HIDDEN_STYLE = Pattern.compile("(?i)display\\s*:\\s*none|visibility\\s*:\\s*hidden");

    /** Whether a person sees the element: neither it nor an ancestor is a script, template or hidden inline. */
    private static boolean visible(Element element) {
        for (Element e = element; e != null; e = e.parent()) {
            if (INVISIBLE_TAGS.contains(e.normalName()) || e.hasAttr("hidden")
                    || HIDDEN_STYLE.matcher(e.attr("style")).find()) {
                return false;
            }
        }
        return true;
    }

    /** The page's text as a person sees it, in document order. */
    private static String visibleText(Document page) {
        Document copy = page.clone();
        copy.select("script, style, template, noscript, [hidden]").remove();
        copy.getAllElements().stream().filter(e -> HIDDEN_STYLE.matcher(e.attr("style")).find()).toList()
                .forEach(Element::remove);
        return copy.body() == null ? "" : copy.body().text();
    }

    /** The first visible, non-blank text among {@code candidates}. */
    private static Optional<String> firstText(Elements candidates) {
        return candidates.stream()
                .filter(SubmissionEvidence::visible)
                .map(Element::text)
                .filter(text -> !text.isBlank())
                .findFirst()
                .map(SubmissionEvidence::shorten);
    }

    /** The sentence of {@code text} where {@code words} first match, as the site wrote it. */
    static Optional<String> sentence(String text, Pattern words) {
        String flat = text.replaceAll("\\s+", " ").strip();
        Matcher matcher = words.matcher(flat);
        if (!matcher.find()) {
            return Optional.empty();
        }
        int start = matcher.start();
        while (start > 0 && ".!?".indexOf(flat.charAt(start - 1)) < 0) {
            start--;
        }
        int end = matcher.end();
        while (end < flat.length() && ".!?".indexOf(flat.charAt(end - 1)) < 0) {
            end++;
        }
        return Optional.of(shorten(flat.substring(start, end).strip()));
    }

    /** A form posting to the same action with the text fields we filled: the site gave us the form back. */
    private static boolean showsTheFormAgain(Document page, FormSubmission submission) {
        Set<String> names = submission.entries().stream().map(FormEntry::name).collect(Collectors.toSet());
        return page.select("form").stream().anyMatch(form -> {
            String action = form.attr("action").isBlank() ? page.location() : form.absUrl("action");
            if (!sameResource(action, submission.action())) {
                return false;
            }
            long matching = form.select("input[name], textarea[name], select[name]").stream()
                    .filter(e -> !e.attr("type").equalsIgnoreCase("hidden"))
                    .filter(e -> names.contains(e.attr("name")))
                    .count();
            return matching >= 2 || !form.select("textarea[name]").isEmpty()
                    && form.select("textarea[name]").stream().anyMatch(t -> names.contains(t.attr("name")));
        });
    }

    private static boolean sameResource(String action, URI submitted) {
        try {
            URI uri = URI.create(action.contains("#") ? action.substring(0, action.indexOf('#')) : action);
            return pathOf(uri).equals(pathOf(submitted)) && String.valueOf(uri.getHost()).equals(submitted.getHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String pathOf(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    static String shorten(String text) {
        String stripped = text.replaceAll("\\s+", " ").strip();
        return stripped.length() <= 160 ? stripped : stripped.substring(0, 157) + "...";
    }
}
