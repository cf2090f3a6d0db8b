package dev.outreach.channel.contactform;

import java.util.List;
import java.util.Optional;
import org.jsoup.nodes.Document;

/**
 * Reads a fetched page into a {@link FormAnalysis}: the contact form chosen
 * ({@link ContactFormFinder}), a CAPTCHA, a builder that only script can run, and each field
 * filled ({@link FormFiller}). The channel submits what this reads; the preview shows it.
 */
final class ContactPageReader {

    /** The analysis and, when the form is ready, the submission it describes. */
    record Reading(FormAnalysis analysis, Optional<FormSubmission> submission) {
    }

    private final ContactFormFinder finder = new ContactFormFinder();

    Reading read(Document page, ContactFormRequest request) {
        String url = page.location();
        int forms = page.select("form").size();
        Optional<ContactForm> found = finder.find(page);
        Optional<Captcha> captcha = Captcha.on(page);
        String captchaLabel = captcha.map(Captcha::label).orElse(null);
        if (found.isEmpty()) {
            Optional<FormBuilder> embed = FormBuilder.scriptOnlyOn(page);
            if (embed.isPresent()) {
                String verdict = "js-rendered (" + embed.get().label() + ")";
                return skipped(new FormAnalysis(url, forms, embed.get().label(), null, null, null,
                        "no form in the page's HTML: " + embed.get().label() + " draws it with script", captchaLabel,
                        verdict, false, verdict, List.of()));
            }
            return skipped(new FormAnalysis(url, forms, null, null, null, null,
                    forms == 0 ? "the page has no form" : "no form asks for a message and a way to answer",
                    captchaLabel, null, false, "no contact form found on " + url, List.of()));
        }
        ContactForm form = found.get();
        FormFill fill = FormFiller.fill(form, request);
        String choice = "score " + form.score() + " (" + form.why() + ")" + (forms > 1 ? ", the best of " + forms + " forms" : "");
        String encoding = form.method().equals("GET") ? "application/x-www-form-urlencoded"
                : form.multipart() ? "multipart/form-data" : "application/x-www-form-urlencoded";
        String skip = form.scriptOnly() != null ? form.scriptOnly()
                : captcha.isPresent() ? "CAPTCHA (" + captchaLabel + ") protects the contact form"
                : fill instanceof FormFill.Unfillable unfillable ? unfillable.reason() : null;
        FormAnalysis analysis = new FormAnalysis(url, forms, form.builder().label(), form.action(), form.method(),
                encoding, choice, captchaLabel, form.scriptOnly(), skip == null, skip, fill.verdicts());
        return skip == null && fill instanceof FormFill.Ready ready ? new Reading(analysis, Optional.of(ready.submission()))
                : skipped(analysis);
    }

    private static Reading skipped(FormAnalysis analysis) {
        return new Reading(analysis, Optional.empty());
    }
}
