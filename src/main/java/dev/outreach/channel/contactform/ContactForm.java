package dev.outreach.channel.contactform;

import java.util.List;

/**
 * The form chosen as the page's contact form.
 *
 * @param action where it submits, resolved against the page, fragment removed; for a builder
 *     whose script posts elsewhere (Elementor Pro), where the script posts
 * @param method GET or POST
 * @param multipart whether it submits as multipart/form-data (otherwise URL-encoded)
 * @param controls its named controls in document order
 * @param score how much it looks like a contact form; see {@link ContactFormFinder}
 * @param builder the builder that rendered it
 * @param scriptEntries what the builder's script adds to the submission after the form's own
 *     fields (WPForms' token, Elementor's action), with why
 * @param submitButtonSent whether the default submit button goes out with the form (a native
 *     submission) or not (a script that builds the request from the form's fields)
 * @param why what the score is made of, in words
 * @param scriptOnly why only the builder's script can submit it ("js-submit (Webflow)"), or
 *     null when a request we build is what the site expects
 */
record ContactForm(String action, String method, boolean multipart, List<FormControl> controls, int score,
        FormBuilder builder, List<ScriptEntry> scriptEntries, boolean submitButtonSent, String why,
        String scriptOnly) {

    /** An entry a builder's script appends when it submits. */
    record ScriptEntry(String name, String value, String why) {
    }

    ContactForm {
        controls = List.copyOf(controls);
        scriptEntries = List.copyOf(scriptEntries);
    }
}
