package dev.outreach.channel.contactform;

import dev.outreach.channel.contactform.FieldClassifier.Classification;
import dev.outreach.channel.contactform.FormControl.Kind;
import dev.outreach.channel.contactform.FormControl.Option;
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
 * Picks a page's contact form. Every form is scored by the fields a person sees and fills (a
 * message 5, an email 3, a name 2, phone, subject and company 1 each; decoys count for nothing)
 * and by what it says it is ("contact" +3; search, newsletter, login, comment or checkout -6).
 * Only a form with a message field and a way to answer (email or phone) that scores at least
 * {@value #MIN_SCORE} can be the contact form, so a newsletter signup or a blog's comment form is
 * never taken for one.
 */
final class ContactFormFinder {

    static final int MIN_SCORE = 8;

    private static final Pattern CONTACT = Pattern.compile("\\bcontact");
    private static final Pattern NOT_CONTACT = Pattern.compile(
            "\\b(search|newsletter|subscribe|subscription|login|log in|sign ?in|sign ?up|register|comments?|checkout|cart)\\b");
    private static final Set<String> IGNORED_INPUTS = Set.of("button", "reset", "file");

    /** The best-scoring contact form on the page, if any form qualifies. */
    Optional<ContactForm> find(Document page) {
        Honeypots honeypots = new Honeypots(page);
        return page.select("form").stream()
                .filter(FormElement.class::isInstance)
                .map(form -> read((FormElement) form, honeypots))
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

    private static Optional<ContactForm> read(FormElement form, Honeypots honeypots) {
        String method = form.attr("method").strip().toLowerCase(Locale.ROOT);
        if (!method.isEmpty() && !method.equals("get") && !method.equals("post")) {
            return Optional.empty(); // method="dialog" closes a dialog, it sends nothing
        }
        if (!form.select("input[type=password]").isEmpty()) {
            return Optional.empty();
        }
        FormBuilder builder = FormBuilder.of(form);
        List<FormControl> controls = new ArrayList<>();
        for (Element element : form.elements()) {
            control(element, form, honeypots, builder).ifPresent(controls::add);
        }
        boolean multipart = form.attr("enctype").strip().equalsIgnoreCase("multipart/form-data");
        List<String> why = new ArrayList<>();
        int score = score(controls, form, why);
        BuilderScripts.Shape shape = BuilderScripts.shape(builder, form, action(form),
                method.equals("post") ? "POST" : "GET", multipart);
        return Optional.of(new ContactForm(shape.action(), shape.method(), shape.multipart(), controls, score, builder,
                shape.entries(), shape.submitButtonSent(), String.join(", ", why), shape.scriptOnly()));
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

    private static Optional<FormControl> control(Element element, FormElement form, Honeypots honeypots,
            FormBuilder builder) {
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
        Classification role = role(element, kind, type, label, form, honeypots);
        String value = defaultValue(element, kind);
        if (builder == FormBuilder.JOTFORM && name.equals("simple_spc")) {
            Optional<String> spc = BuilderScripts.jotformSpc(form.ownerDocument());
            if (spc.isPresent()) {
                value = spc.get();
                role = new Classification(FieldRole.HIDDEN, "set to '" + value + "' as Jotform's script sets it");
            }
        }
        return Optional.of(new FormControl(name, kind, role.role(), label.isEmpty() ? name : label,
                value, required(element), preset(element, kind), role.why(), options(element, kind)));
    }

    private static Classification role(Element element, Kind kind, String type, String label, FormElement form,
            Honeypots honeypots) {
        if (kind == Kind.HIDDEN) {
            return new Classification(FieldRole.HIDDEN, "a hidden input: sent as the page set it");
        }
        if (kind == Kind.SUBMIT) {
            return new Classification(FieldRole.OTHER, "a submit button");
        }
        Optional<String> decoy = honeypots.decoy(element, form);
        if (decoy.isPresent()) {
            return new Classification(FieldRole.HONEYPOT, decoy.get());
        }
        return switch (kind) {
            case TEXT -> type.equals("file") ? new Classification(FieldRole.OTHER, "a file upload")
                    : FieldClassifier.classify(element, label);
            case CHECKBOX -> FieldClassifier.classifyBox(element, label);
            default -> new Classification(FieldRole.OTHER, "a choice");
        };
    }

    private static String defaultValue(Element element, Kind kind) {
        return switch (kind) {
            case CHECKBOX, RADIO -> element.hasAttr("value") ? element.attr("value") : "on";
            case SELECT -> element.select("option[selected]").stream().findFirst()
                    .or(() -> element.select("option").stream().findFirst())
                    .map(ContactFormFinder::optionValue)
                    .orElse(null);
            default -> element.val();
        };
    }

    private static List<Option> options(Element element, Kind kind) {
        return kind != Kind.SELECT ? List.of()
                : element.select("option").stream().map(o -> new Option(optionValue(o), o.text().strip())).toList();
    }

    private static String optionValue(Element option) {
        return option.hasAttr("value") ? option.attr("value") : option.text();
    }

    private static boolean preset(Element element, Kind kind) {
        return switch (kind) {
            case CHECKBOX, RADIO -> element.hasAttr("checked");
            case SELECT -> element.select("option[selected]").stream().anyMatch(o -> !o.attr("value").isBlank());
            default -> false;
        };
    }

    /**
     * Required in HTML, for assistive technology, or as a plugin marks it (checked on its
     * server); Contact Form 7 refuses any message without its acceptance box unless the box is
     * marked optional.
     */
    private static boolean required(Element element) {
        Element acceptance = element.closest(".wpcf7-acceptance");
        return element.hasAttr("required")
                || acceptance != null && !acceptance.hasClass("optional")
                || element.attr("aria-required").equalsIgnoreCase("true")
                || element.attr("data-required").equalsIgnoreCase("true")
                || element.classNames().stream().anyMatch(c -> c.endsWith("validates-as-required")
                        || c.equals("wpforms-field-required") || c.equals("validate[required]"));
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
        if (text.isBlank() && (element.normalName().equals("select") || element.attr("type").equals("radio"))) {
            text = groupLabel(element).orElse(text);
        }
        return text.replaceAll("[\\s*:]+$", "").strip();
    }

    /** A radio group's or select's legend or field label, when the control has none of its own. */
    private static Optional<String> groupLabel(Element element) {
        if (element.attr("type").equals("radio") && element.closest("label") != null) {
            Element own = element.closest("label");
            if (!own.text().isBlank()) {
                return Optional.of(own.text());
            }
        }
        Element fieldset = element.closest("fieldset");
        return fieldset == null ? Optional.empty()
                : Optional.ofNullable(fieldset.selectFirst("legend")).map(Element::text);
    }

    private static int score(List<FormControl> controls, FormElement element, List<String> why) {
        Set<FieldRole> roles = roles(controls);
        int score = 0;
        score += points(roles.contains(FieldRole.MESSAGE), 5, "a message", why);
        score += points(roles.contains(FieldRole.EMAIL), 3, "an email", why);
        score += points(roles.contains(FieldRole.NAME) || roles.contains(FieldRole.FIRST_NAME)
                || roles.contains(FieldRole.LAST_NAME), 2, "a name", why);
        score += points(roles.contains(FieldRole.PHONE), 1, "a phone", why);
        score += points(roles.contains(FieldRole.SUBJECT), 1, "a subject", why);
        score += points(roles.contains(FieldRole.COMPANY), 1, "a company", why);
        String says = FieldClassifier.normalize(String.join(" ", element.id(), element.className(),
                element.attr("name"), element.attr("action"), element.attr("aria-label")));
        score += points(CONTACT.matcher(says).find(), 3, "says contact", why);
        score -= points(NOT_CONTACT.matcher(says).find(), 6, "says it is something else (-6)", why);
        return score;
    }

    private static int points(boolean has, int points, String what, List<String> why) {
        if (has) {
            why.add(what + (points > 0 && !what.endsWith(")") ? " (+" + points + ")" : ""));
        }
        return has ? points : 0;
    }

    private static Set<FieldRole> roles(List<FormControl> controls) {
        Set<FieldRole> roles = EnumSet.noneOf(FieldRole.class);
        controls.forEach(c -> roles.add(c.role()));
        return roles;
    }
}
