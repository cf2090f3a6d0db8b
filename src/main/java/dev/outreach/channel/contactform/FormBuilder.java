package dev.outreach.channel.contactform;

import java.util.Arrays;
import java.util.Optional;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The form builders the channel recognises, by the markup each one renders. A builder is told
 * from a {@code <form>}'s own classes and fields ({@link #of(Element)}); the builders that draw
 * their form in the visitor's browser are told from their embed code when the page holds no
 * usable form ({@link #scriptOnlyOn(Document)}). Only markup that belongs to a form counts: a
 * builder's script loaded on every page of a site does not make a page without a form a
 * js-rendered one.
 */
enum FormBuilder {
    CONTACT_FORM_7("Contact Form 7", "form.wpcf7-form, form:has(input[name=_wpcf7])", null),
    GRAVITY_FORMS("Gravity Forms", "form[id^=gform_], form:has(input[name=gform_submit])", null),
    WPFORMS("WPForms", "form.wpforms-form, form:has(input[name=\"wpforms[id]\"])", null),
    ELEMENTOR("Elementor Pro", "form.elementor-form", null),
    FORMIDABLE("Formidable", "form.frm-show-form, form:has(input[name=frm_action])", null),
    NINJA_FORMS("Ninja Forms", null, ".nf-form-cont, noscript.ninja-forms-noscript-message"),
    HUBSPOT("HubSpot", "form.hs-form", ".hs-form-frame, [id^=hbspt-form], script[src*=hsforms.net], script[src*=hsforms.com], "
            + "script:containsData(hbspt.forms.create)"),
    SQUARESPACE("Squarespace", "form:has(input[name=crumb]), form[onsubmit*=squarespace], form[data-form-id].sqs-form",
            ".sqs-block-form, .form-block .react-form-contents, [data-block-type=9]"),
    WIX("Wix", null, "[data-testid=form-container], [class*=wixui-form], wix-form"),
    TYPEFORM("Typeform", null, "[data-tf-widget], [data-tf-live], [data-tf-popup], script[src*=embed.typeform.com], "
            + "iframe[src*=typeform.com], a.typeform-share"),
    JOTFORM("Jotform", "form.jotform-form, form[action*=submit.jotform.com], form[action*=jotform.com/submit]",
            "iframe[src*=jotform.com], iframe[id^=JotFormIFrame], script[src*=jotform.com/jsform], "
                    + "script[src*=jotfor.ms]"),
    WEBFLOW("Webflow", ".w-form form, form[data-wf-page-id], form[data-name]:has(.w-button)", null),
    HAND_WRITTEN("hand-written", null, null);

    private final String label;
    private final String formSelector;
    private final String embedSelector;

    FormBuilder(String label, String formSelector, String embedSelector) {
        this.label = label;
        this.formSelector = formSelector;
        this.embedSelector = embedSelector;
    }

    String label() {
        return label;
    }

    /** The builder that rendered this form; a form no builder claims is hand-written. */
    static FormBuilder of(Element form) {
        return Arrays.stream(values())
                .filter(b -> b.formSelector != null && form.is(b.formSelector))
                .findFirst()
                .orElse(HAND_WRITTEN);
    }

    /** A builder whose embed code is on the page: its form is drawn by script, so the HTML has none to submit. */
    static Optional<FormBuilder> scriptOnlyOn(Document page) {
        return Arrays.stream(values())
                .filter(b -> b.embedSelector != null && !page.select(b.embedSelector).isEmpty())
                .findFirst();
    }
}
