package dev.outreach.channel.contactform;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * Tells what a text control asks for from everything a person or a browser's autofill would
 * look at: its type, name, id, label, placeholder, aria-label and autocomplete hint. Rules run
 * in order, so "Company name" is a company and "Business email" an email, not a name.
 */
final class FieldClassifier {

    private record Rule(FieldRole role, Pattern words) {
    }

    private static final Pattern MESSAGE_WORDS = words(
            "message|comments?|inquiry|enquiry|questions?|details|how can we help|request|msg");
    private static final List<Rule> RULES = List.of(
            rule(FieldRole.EMAIL, "e ?mail"),
            rule(FieldRole.PHONE, "phone|tel|telephone|mobile|cell"),
            rule(FieldRole.COMPANY, "company|organi[sz]ation|business|employer|firm"),
            rule(FieldRole.FIRST_NAME, "first ?name|fname|given ?name|forename"),
            rule(FieldRole.LAST_NAME, "last ?name|lname|surname|family ?name"),
            rule(FieldRole.SUBJECT, "subject|topic|regarding"),
            new Rule(FieldRole.MESSAGE, MESSAGE_WORDS),
            rule(FieldRole.NAME, "name|full ?name|your ?name|contact ?name"));

    private FieldClassifier() {
    }

    /** The role of a text-like input or a textarea; {@code label} is its visible label, possibly empty. */
    static FieldRole classify(Element control, String label) {
        String type = control.attr("type").toLowerCase(Locale.ROOT);
        String autocomplete = control.attr("autocomplete").toLowerCase(Locale.ROOT);
        if (type.equals("email") || autocomplete.equals("email")) {
            return FieldRole.EMAIL;
        }
        if (type.equals("tel") || autocomplete.startsWith("tel")) {
            return FieldRole.PHONE;
        }
        String signals = normalize(String.join(" ", control.attr("name"), control.id(), label,
                control.attr("placeholder"), control.attr("aria-label"), control.attr("title"), autocomplete));
        boolean textarea = control.normalName().equals("textarea");
        if (textarea && MESSAGE_WORDS.matcher(signals).find()) {
            return FieldRole.MESSAGE;
        }
        for (Rule rule : RULES) {
            if (rule.words().matcher(signals).find()) {
                return rule.role();
            }
        }
        // an unlabelled textarea on a contact form is where the message goes
        return textarea ? FieldRole.MESSAGE : FieldRole.OTHER;
    }

    /** Lower case, camelCase and punctuation split into words: "your-name", "yourName" become "your name". */
    static String normalize(String text) {
        return text.replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", " ")
                .strip();
    }

    private static Rule rule(FieldRole role, String alternatives) {
        return new Rule(role, words(alternatives));
    }

    private static Pattern words(String alternatives) {
        return Pattern.compile("\\b(" + alternatives + ")\\b");
    }
}
