package dev.outreach.channel.contactform;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * Tells what a text control asks for from everything a person or a browser's autofill would
 * look at: its type, autocomplete hint, name, id, label, placeholder and aria-label. Sub-fields
 * of a name (first, last) are told by autocomplete ({@code given-name}, {@code family-name}),
 * by a name suffix ({@code [first]}, {@code [last]}, Gravity Forms' {@code input_1.3} and
 * {@code input_1.6}) and by a sub-label that reads just "First" or "Last". The word rules run
 * in order, so "Company name" is a company and "Business email" an email, not a name.
 */
final class FieldClassifier {

    /** A role and the signal that gave it. */
    record Classification(FieldRole role, String why) {
    }

    private record Rule(FieldRole role, Pattern words) {
    }

    private static final Pattern MESSAGE_WORDS = words(
            "message|comments?|inquiry|enquiry|questions?|details|how can we help|request|msg|describe|project");
    private static final List<Rule> RULES = List.of(
            rule(FieldRole.EMAIL, "e ?mail"),
            rule(FieldRole.PHONE, "phone|tel|telephone|mobile|cell"),
            rule(FieldRole.COMPANY, "company|organi[sz]ation|business|employer|firm"),
            rule(FieldRole.FIRST_NAME, "first ?name|fname|given ?name|forename"),
            rule(FieldRole.LAST_NAME, "last ?name|lname|surname|family ?name"),
            rule(FieldRole.SUBJECT, "subject|topic|regarding"),
            new Rule(FieldRole.MESSAGE, MESSAGE_WORDS),
            rule(FieldRole.NAME, "name|full ?name|your ?name|contact ?name|realname"));
    /** Gravity Forms numbers a name's parts: .2 prefix, .3 first, .4 middle, .6 last, .8 suffix. */
    private static final Pattern GRAVITY_NAME_PART = Pattern.compile("^input_\\d+\\.([36])$");
    private static final Pattern NAME_PART_SUFFIX = Pattern.compile("\\[(first|last)]$|[_-](first|last)$");
    private static final Pattern MARKETING = Pattern.compile(
            "\\b(newsletters?|marketing|promotions?|promotional|offers|deals|updates|news|subscribe|subscription|mailing list"
                    + "|other communications|communications|emails? from us|tips"
                    + "|sms|text messages?|texts|special offers)\\b");
    private static final Pattern PRIVACY = Pattern.compile(
            "\\b(privacy|gdpr|data protection|personal data|data processing|processing of my|my data|datenschutz)\\b");

    private FieldClassifier() {
    }

    /** The role of a text-like input or a textarea; {@code label} is its visible label, possibly empty. */
    static Classification classify(Element control, String label) {
        String type = control.attr("type").toLowerCase(Locale.ROOT);
        String autocomplete = control.attr("autocomplete").toLowerCase(Locale.ROOT).strip();
        if (type.equals("email") || autocomplete.equals("email")) {
            return new Classification(FieldRole.EMAIL, type.equals("email") ? "type=email" : "autocomplete=email");
        }
        if (type.equals("tel") || autocomplete.startsWith("tel")) {
            return new Classification(FieldRole.PHONE, type.equals("tel") ? "type=tel" : "autocomplete=" + autocomplete);
        }
        switch (autocomplete) {
            case "given-name" -> {
                return new Classification(FieldRole.FIRST_NAME, "autocomplete=given-name");
            }
            case "family-name" -> {
                return new Classification(FieldRole.LAST_NAME, "autocomplete=family-name");
            }
            case "name" -> {
                return new Classification(FieldRole.NAME, "autocomplete=name");
            }
            case "organization" -> {
                return new Classification(FieldRole.COMPANY, "autocomplete=organization");
            }
            default -> {
                // the words decide
            }
        }
        String name = control.attr("name");
        Matcher gravity = GRAVITY_NAME_PART.matcher(name);
        if (gravity.find() && control.closest(".ginput_container_name, .ginput_container--name") != null) {
            return gravity.group(1).equals("3") ? new Classification(FieldRole.FIRST_NAME, "name part ." + gravity.group(1))
                    : new Classification(FieldRole.LAST_NAME, "name part ." + gravity.group(1));
        }
        Matcher suffix = NAME_PART_SUFFIX.matcher(name.toLowerCase(Locale.ROOT));
        if (suffix.find() && (suffix.group(1) != null || normalize(name).contains("name"))) {
            return nameSuffix(suffix.group(1) != null ? suffix.group(1) : suffix.group(2));
        }
        String labelWords = normalize(label);
        if (labelWords.equals("first") || labelWords.equals("last")) {
            return new Classification(labelWords.equals("first") ? FieldRole.FIRST_NAME : FieldRole.LAST_NAME,
                    "sub-label '" + label + "'");
        }
        String signals = normalize(String.join(" ", name, control.id(), label,
                control.attr("placeholder"), control.attr("aria-label"), control.attr("title"), autocomplete));
        boolean textarea = control.normalName().equals("textarea");
        Matcher message = MESSAGE_WORDS.matcher(signals);
        if (textarea && message.find()) {
            return new Classification(FieldRole.MESSAGE, "a text area that says '" + message.group() + "'");
        }
        for (Rule rule : RULES) {
            Matcher words = rule.words().matcher(signals);
            if (words.find()) {
                return new Classification(rule.role(), "says '" + words.group() + "'");
            }
        }
        // an unlabelled textarea on a contact form is where the message goes
        return textarea ? new Classification(FieldRole.MESSAGE, "the form's text area")
                : new Classification(FieldRole.OTHER, "no rule matches");
    }

    /**
     * What a checkbox asks for: marketing or SMS opt-in (never ticked) wins over privacy-policy
     * acceptance, so a box that mentions both is left alone.
     */
    static Classification classifyBox(Element control, String label) {
        String signals = normalize(String.join(" ", control.attr("name"), control.id(), label,
                control.attr("value"), control.attr("aria-label")));
        Matcher marketing = MARKETING.matcher(signals);
        if (marketing.find()) {
            return new Classification(FieldRole.MARKETING_CONSENT, "says '" + marketing.group() + "'");
        }
        Matcher privacy = PRIVACY.matcher(signals);
        if (privacy.find()) {
            return new Classification(FieldRole.PRIVACY_CONSENT, "says '" + privacy.group() + "'");
        }
        return new Classification(FieldRole.OTHER, "no rule matches");
    }

    /** Lower case, camelCase and punctuation split into words: "your-name", "yourName" become "your name". */
    static String normalize(String text) {
        return text.replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", " ")
                .strip();
    }

    private static Classification nameSuffix(String part) {
        return new Classification(part.equals("first") ? FieldRole.FIRST_NAME : FieldRole.LAST_NAME,
                "name ends in '" + part + "'");
    }

    private static Rule rule(FieldRole role, String alternatives) {
        return new Rule(role, words(alternatives));
    }

    private static Pattern words(String alternatives) {
        return Pattern.compile("\\b(" + alternatives + ")\\b");
    }
}
