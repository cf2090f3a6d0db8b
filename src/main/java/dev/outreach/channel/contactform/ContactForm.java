package dev.outreach.channel.contactform;

import java.util.List;

/**
 * The form chosen as the page's contact form.
 *
 * @param action where it submits, resolved against the page, fragment removed
 * @param method GET or POST
 * @param multipart whether it submits as multipart/form-data (otherwise URL-encoded)
 * @param controls its named controls in document order
 * @param score how much it looks like a contact form; see {@link ContactFormFinder}
 */
record ContactForm(String action, String method, boolean multipart, List<FormControl> controls, int score) {

    ContactForm {
        controls = List.copyOf(controls);
    }
}
