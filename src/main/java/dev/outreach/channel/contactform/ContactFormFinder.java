package dev.outreach.channel.contactform;

import dev.outreach.channel.contactform.FormControl.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.FormElement;

/**
 * Picks a page's contact form. Every form is scored by the fields it asks for (a message 5, an
 * email 3, a name 2, phone, subject and company 1 each) and by what it says it is ("contact"
 * +3; search, newsletter, login, comment or checkout -6). Only a form with a message field and
 * a way to answer (email or phone) that scores at least {@value #MIN_SCORE} can be the contact
 * form, so a newsletter signup or a blog's comment form is never taken for one.
 */
final class ContactFormFinder {

    static final int MIN_SCORE = 8;

    private static final Pattern CONTACT = Pattern.compile("\\bcontact");
    private static final Pattern NOT_CONTACT = Pattern.compile(
            "\\b(search|newsletter|subscribe|subscription|login|log in|sign ?in|sign ?up|register|comments?|checkout|cart)\\b");
    private static final Set<String> IGNORED_INPUTS = Set.of("button", "reset", "file");

    /** The best-scoring contact form on the page, if any form qualifies. */
    Optional<ContactForm> find(Document page) {
        return page.select("form").stream()
                .filter(FormElement.class::isInstance)
                .map(form -> read((FormElement) form))
                .flatMap(Optional::stream)
                .filter(ContactFormFinder::qualifies)
                .max(Comparator.comparingInt(ContactForm::score));
    }

    private static boolean qualifies(ContactForm form) {
        Set<FieldRole> roles = roles(form.controls());
        return roles.contains(FieldRole.MESSAGE)
                && (roles.contains(FieldRole.EMAIL) || roles.contains(FieldRole.PHONE))
                && form.score() >= MIN_SCORE;
    }

    private static Optional<ContactForm> read(FormElement form) {
        String method = form.attr("method").strip().toLowerCase(Locale.ROOT);
        if (!method.isEmpty() && !method.equals("get") && !method.equals("post")) {
            return Optional.empty(); // method="dialog" closes a dialog, it sends nothing
        }
        if (!form.select("input[type=password]").isEmpty()) {
            return Optional.empty();
        }
        List<FormControl> controls = new ArrayList<>();
        for (Element element : form.elements()) {
            control(element).ifPresent(controls::add);
        }
        boolean multipart = form.attr("enctype").strip().equalsIgnoreCase("multipart/form-data");
        return Optional.of(new ContactForm(action(form), method.equals("post") ? "POST" : "GET", multipart,
                controls, score(controls, form)));
    }

    /** The action as a browser resolves it: an empty or missing action submits to the page itself. */
    private static String action(FormElement form) {
        String action = form.attr("action").strip();
        String resolved = action.isEmpty() ? "" : form.absUrl("action");
        if (resolved.isEmpty()) {
            resolved = action.isEmpty() ? form.ownerDocument().location() : action;
        }
        int fragment = resolved.indexOf('#');
        return fragment < 0 ? resolved : resolved.substring(0, fragment);
    }

    private static Optional<FormControl> control(Element element) {
        if (element.hasAttr("disabled")) {
            return Optional.empty();
        }
        String tag = element.normalName();
        String type = element.attr("type").strip().toLowerCase(Locale.ROOT);
        Kind kind = switch (tag) {
            case "textarea" -> Kind.TEXT;
            case "select" -> Kind.SELECT;
            case "button" -> type.isEmpty() || type.equals("submit") ? Kind.SUBMIT : null;
            case "input" -> switch (type) {
                case "hidden" -> Kind.HIDDEN;
                case "checkbox" -> Kind.CHECKBOX;
                case "radio" -> Kind.RADIO;
                case "submit", "image" -> Kind.SUBMIT;
                default -> IGNORED_INPUTS.contains(type) && !required(element) ? null : Kind.TEXT;
            };
            default -> null;
        };
        String name = element.attr("name");
        if (kind == null || name.isEmpty() && kind != Kind.SUBMIT) {
            return Optional.empty();
        }
        String label = label(element);
        FieldRole role = switch (kind) {
            case TEXT -> type.equals("file") ? FieldRole.OTHER : FieldClassifier.classify(element, label);
            case HIDDEN -> FieldRole.HIDDEN;
            default -> FieldRole.OTHER;
        };
        return Optional.of(new FormControl(name, kind, role, label.isEmpty() ? name : label,
                defaultValue(element, kind), required(element), preset(element, kind)));
    }

    private static String defaultValue(Element element, Kind kind) {
        return switch (kind) {
            case CHECKBOX, RADIO -> element.hasAttr("value") ? element.attr("value") : "on";
            case SELECT -> element.select("option[selected]").stream().findFirst()
                    .or(() -> element.select("option").stream().findFirst())
                    .map(option -> option.hasAttr("value") ? option.attr("value") : option.text())
                    .orElse(null);
            default -> element.val();
        };
    }

    private static boolean preset(Element element, Kind kind) {
        return switch (kind) {
            case CHECKBOX, RADIO -> element.hasAttr("checked");
            case SELECT -> element.select("option[selected]").stream().anyMatch(o -> !o.attr("value").isBlank());
            default -> false;
        };
    }

    /** Required in HTML, for assistive technology, or as Contact Form 7 marks it (checked on its server). */
    private static boolean required(Element element) {
        return element.hasAttr("required")
                || element.attr("aria-required").equalsIgnoreCase("true")
                || element.classNames().stream().anyMatch(c -> c.endsWith("validates-as-required"));
    }

    /** The text a person sees for the control: its label, else aria-label, else placeholder. */
    private static String label(Element element) {
        Optional<Element> label = Optional.empty();
        if (!element.id().isEmpty()) {
            label = element.ownerDocument().getElementsByAttributeValue("for", element.id()).stream()
                    .filter(e -> e.normalName().equals("label"))
                    .findFirst();
        }
        // a label wrapping its control (Contact Form 7) has the words as its own text
        String text = label.or(() -> Optional.ofNullable(element.closest("label")))
                .map(l -> l.ownText().isBlank() ? l.text() : l.ownText())
                .orElse("");
        if (text.isBlank()) {
            text = element.attr("aria-label").isBlank() ? element.attr("placeholder") : element.attr("aria-label");
        }
        return text.replaceAll("[\\s*:]+$", "").strip();
    }

    private static int score(List<FormControl> controls, FormElement element) {
        Set<FieldRole> roles = roles(controls);
        int score = 0;
        score += roles.contains(FieldRole.MESSAGE) ? 5 : 0;
        score += roles.contains(FieldRole.EMAIL) ? 3 : 0;
        score += roles.contains(FieldRole.NAME) || roles.contains(FieldRole.FIRST_NAME)
                || roles.contains(FieldRole.LAST_NAME) ? 2 : 0;
        score += roles.contains(FieldRole.PHONE) ? 1 : 0;
        score += roles.contains(FieldRole.SUBJECT) ? 1 : 0;
        score += roles.contains(FieldRole.COMPANY) ? 1 : 0;
        String says = FieldClassifier.normalize(String.join(" ", element.id(), element.className(),
                element.attr("name"), element.attr("action"), element.attr("aria-label")));
        score += CONTACT.matcher(says).find() ? 3 : 0;
        score -= NOT_CONTACT.matcher(says).find() ? 6 : 0;
        return score;
    }

    private static Set<FieldRole> roles(List<FormControl> controls) {
        Set<FieldRole> roles = EnumSet.noneOf(FieldRole.class);
        controls.forEach(c -> roles.add(c.role()));
        return roles;
    }
}
