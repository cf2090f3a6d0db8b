package dev.outreach.channel.contactform;

import dev.outreach.channel.contactform.ContactForm.ScriptEntry;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.FormElement;

/**
 * What a builder's script does to a form when a visitor submits it, done the same way without
 * running the script: Elementor Pro posts the form's fields to {@code admin-ajax.php} with its
 * action; WPForms appends its token; Jotform's inline script fills {@code simple_spc}. Webflow
 * forms without an action and Squarespace 7.0 forms can only be submitted by their script.
 */
final class BuilderScripts {

    /** How the submission differs from the form's native one. */
    record Shape(String action, String method, boolean multipart, List<ScriptEntry> entries, boolean submitButtonSent,
            String scriptOnly) {
    }

    private static final Pattern AJAX_URL = Pattern.compile("\"ajaxurl\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern JOTFORM_SPC = Pattern.compile("_spc[\\s\\S]*?\"(\\d+-\\d+)\"");

    private BuilderScripts() {
    }

    /** The submission's shape given the form's native action, method and encoding. */
    static Shape shape(FormBuilder builder, FormElement form, String action, String method, boolean multipart) {
        return switch (builder) {
            case ELEMENTOR -> new Shape(elementorAjaxUrl(form.ownerDocument()), "POST", true,
                    List.of(new ScriptEntry("action", "elementor_pro_forms_send_form",
                                    "Elementor Pro's script posts the form to admin-ajax.php with this action"),
                            new ScriptEntry("referrer", form.ownerDocument().location(),
                                    "Elementor Pro's script adds the page's address")),
                    false, null);
            case WPFORMS -> new Shape(action, method, multipart, wpformsToken(form), true, null);
            case WEBFLOW -> new Shape(action, method, multipart, List.of(), true,
                    form.attr("action").isBlank() ? "js-submit (Webflow)" : null);
            case SQUARESPACE -> new Shape(action, method, multipart, List.of(), true, "js-submit (Squarespace)");
            default -> new Shape(action, method, multipart, List.of(), true, null);
        };
    }

    /** The value Jotform's inline script writes into {@code simple_spc}: a literal "formID-formID". */
    static Optional<String> jotformSpc(Document page) {
        for (Element script : page.select("script")) {
            Matcher spc = JOTFORM_SPC.matcher(script.data());
            if (spc.find()) {
                return Optional.of(spc.group(1));
            }
        }
        return Optional.empty();
    }

    /** WPForms' script appends the form's {@code data-token} as {@code wpforms[token]} when it submits. */
    private static List<ScriptEntry> wpformsToken(FormElement form) {
        String token = form.attr("data-token");
        return token.isBlank() ? List.of() : List.of(new ScriptEntry("wpforms[token]", token,
                "WPForms' script appends the form's data-token when it submits"));
    }

    /** Where Elementor Pro's script posts: the ajaxurl of its inline configuration, else WordPress' default. */
    private static String elementorAjaxUrl(Document page) {
        URI base = URI.create(page.location());
        for (Element script : page.select("script")) {
            Matcher url = AJAX_URL.matcher(script.data());
            if (url.find()) {
                return base.resolve(url.group(1).replace("\\/", "/")).toString();
            }
        }
        return base.resolve("/wp-admin/admin-ajax.php").toString();
    }
}
