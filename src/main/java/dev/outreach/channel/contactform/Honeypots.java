package dev.outreach.channel.contactform;

import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Recognises decoy fields: inputs a person never sees, put there so that a bot fills them and
 * the site files the message as spam. A field is a decoy when it or a wrapper is hidden from
 * people (inline style, the {@code hidden} attribute, a page style rule on its class or id,
 * {@code aria-hidden}), carries a form plugin's honeypot class, is taken out of the tab order
 * ({@code tabindex="-1"}), or is described as one to leave empty. These signals win over any
 * label: a hidden "Email" or "Comments" field stays as the page sent it.
 */
final class Honeypots {

    /** Honeypot markup of Gravity Forms, WPForms, Ninja Forms, Formidable and the common hand-written names. */
    private static final Pattern PLUGIN_CLASS = Pattern.compile(
            "gform_validation_container|gfield--type-honeypot|wpforms-field-hp|nf-field-hp|ninja-forms-field-hp|"
                    + "frm_verify|frm__[0-9a-f]+|honeypot|hp-field|hp-wrap|ohnohoney|hidden-field-wrap");
    private static final Pattern HIDING_STYLE = Pattern.compile(
            "display\\s*:\\s*none|visibility\\s*:\\s*hidden|opacity\\s*:\\s*0(\\.0+)?\\s*(;|!|$)"
                    + "|(left|top|right|margin-left|text-indent)\\s*:\\s*-\\s*\\d{3,}"
                    + "|clip\\s*:\\s*rect\\(\\s*0|clip-path\\s*:\\s*inset\\(\\s*50%");
    private static final Pattern ZERO_SIZE = Pattern.compile("(height|max-height|width)\\s*:\\s*0(px)?\\s*(;|!|$)");
    private static final Pattern OVERFLOW_HIDDEN = Pattern.compile("overflow\\s*:\\s*hidden");
    private static final Pattern LEAVE_EMPTY = Pattern.compile(
            "(?i)leave (this|it|the field|this field)?\\s*(blank|empty|unchanged)|should be left (blank|empty|unchanged)"
                    + "|if you are (a )?human|are you a robot|do not (fill|enter|complete|change)|don.t (fill|enter|change)"
                    + "|keep this (field )?(blank|empty)|not for humans|for (validation|spam|anti-?spam) purposes"
                    + "|bots only|humans? should not");
    private static final Pattern LAST_SIMPLE = Pattern.compile("([.#])([A-Za-z0-9_-]+)(?::[a-z-]+)?$");
    private static final Pattern RULE = Pattern.compile("([^{}]+)\\{([^}]*)}");

    private final Set<String> hiddenClasses = new HashSet<>();
    private final Set<String> hiddenIds = new HashSet<>();

    /** Reads the page's own style rules once: honeypots are often hidden by a class in a {@code <style>} block. */
    Honeypots(Document page) {
        for (Element style : page.select("style")) {
            Matcher rule = RULE.matcher(style.data());
            while (rule.find()) {
                if (hides(rule.group(2).toLowerCase(Locale.ROOT))) {
                    for (String selector : rule.group(1).split(",")) {
                        remember(selector.strip());
                    }
                }
            }
        }
    }

    /** Why the control is a decoy, or empty when a person would see and fill it. */
    Optional<String> decoy(Element control, Element form) {
        if (control.attr("tabindex").strip().equals("-1")) {
            return Optional.of("taken out of the tab order (tabindex=-1)");
        }
        // the form itself may sit in a closed pop-up: only what hides a field inside it counts
        for (Element e = control; e != null && e != form; e = e.parent()) {
            Optional<String> why = hiddenBy(e, e == control);
            if (why.isPresent()) {
                return why;
            }
        }
        return leaveEmptyWording(control, form);
    }

    private Optional<String> hiddenBy(Element e, boolean self) {
        String what = self ? "the field" : "its wrapper <" + e.normalName() + describe(e) + ">";
        Matcher plugin = PLUGIN_CLASS.matcher(e.className() + " " + e.id());
        if (plugin.find()) {
            return Optional.of(what + " has the honeypot class '" + plugin.group() + "'");
        }
        String style = e.attr("style").toLowerCase(Locale.ROOT);
        if (hides(style)) {
            return Optional.of(what + " is hidden by its style '" + style.strip() + "'");
        }
        if (e.hasAttr("hidden")) {
            return Optional.of(what + " has the hidden attribute");
        }
        if (e.attr("aria-hidden").equalsIgnoreCase("true")) {
            return Optional.of(what + " is aria-hidden");
        }
        if (e.classNames().stream().anyMatch(hiddenClasses::contains) || hiddenIds.contains(e.id())) {
            return Optional.of(what + " is hidden by the page's style sheet");
        }
        return Optional.empty();
    }

    /** A label or description next to the field telling humans to leave it alone. */
    private static Optional<String> leaveEmptyWording(Element control, Element form) {
        StringBuilder words = new StringBuilder(control.attr("placeholder")).append(' ')
                .append(control.attr("aria-label")).append(' ').append(control.attr("title"));
        if (!control.id().isEmpty()) {
            form.ownerDocument().getElementsByAttributeValue("for", control.id())
                    .forEach(label -> words.append(' ').append(label.text()));
        }
        for (String id : control.attr("aria-describedby").split("\\s+")) {
            Element description = id.isEmpty() ? null : form.ownerDocument().getElementById(id);
            if (description != null) {
                words.append(' ').append(description.text());
            }
        }
        Element wrapper = control.parent();
        if (wrapper != null && wrapper != form && wrapper.select("input, textarea, select").size() == 1) {
            words.append(' ').append(wrapper.text());
        }
        Matcher leave = LEAVE_EMPTY.matcher(words);
        return leave.find() ? Optional.of("its label says '" + leave.group() + "'") : Optional.empty();
    }

    private static boolean hides(String style) {
        return HIDING_STYLE.matcher(style).find()
                || ZERO_SIZE.matcher(style).find() && OVERFLOW_HIDDEN.matcher(style).find();
    }

    /** Remembers the class or id the rule's last compound selector ends with: {@code div.hp .trap} hides {@code trap}. */
    private void remember(String selector) {
        Matcher last = LAST_SIMPLE.matcher(selector.substring(selector.lastIndexOf(' ') + 1));
        if (last.find()) {
            (last.group(1).equals(".") ? hiddenClasses : hiddenIds).add(last.group(2));
        }
    }

    private static String describe(Element e) {
        if (!e.id().isEmpty()) {
            return " id=" + e.id();
        }
        return e.className().isBlank() ? "" : " class=" + e.className().strip();
    }
}
