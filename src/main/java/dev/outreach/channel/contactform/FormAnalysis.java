package dev.outreach.channel.contactform;

import java.util.List;

/**
 * How the channel reads a page, without submitting anything: the forms on it, the one chosen
 * and why, the CAPTCHA or js-rendered verdicts, and each field with the value that would go
 * out. Submissions and the operator's preview are built from the same analysis, so what the
 * preview shows is what the channel sends.
 *
 * @param page the URL of the page analysed
 * @param formsOnPage how many {@code <form>} elements the page has
 * @param builder the form builder recognised ("Contact Form 7", "Gravity Forms", ...,
 *     "hand-written"), or null when no form was chosen and no embed recognised
 * @param action where the submission goes (for a builder whose script posts elsewhere, such as
 *     Elementor Pro, where its script posts), or null when nothing would be submitted
 * @param method GET or POST, or null when nothing would be submitted
 * @param encoding {@code application/x-www-form-urlencoded} or {@code multipart/form-data}, or
 *     null when nothing would be submitted
 * @param choice why this form was chosen (its score and what it asks for), or why none was
 * @param captcha the CAPTCHA found on the page ("reCAPTCHA", "hCaptcha", ...), or null
 * @param jsRendered the builder whose form exists only in script or is only submitted by its
 *     script ("js-rendered (HubSpot)", "js-submit (Webflow)"), or null
 * @param ready whether the channel would submit the form
 * @param skipReason why it would not, in the words an attempt records; null when ready
 * @param fields every named control of the chosen form in document order, then what the
 *     builder's script adds; empty when no form was chosen
 */
public record FormAnalysis(
        String page,
        int formsOnPage,
        String builder,
        String action,
        String method,
        String encoding,
        String choice,
        String captcha,
        String jsRendered,
        boolean ready,
        String skipReason,
        List<FieldVerdict> fields) {

    public FormAnalysis {
        fields = List.copyOf(fields);
    }

    /** The fields that would be submitted, honeypots included with their own (usually empty) value. */
    public List<FieldVerdict> submittedFields() {
        return fields.stream().filter(FieldVerdict::sent).toList();
    }

    /** The decoys recognised on the chosen form. */
    public List<FieldVerdict> honeypots() {
        return fields.stream().filter(f -> f.role().equals("honeypot")).toList();
    }
}
