package dev.outreach.channel.contactform;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The option a careful person picks in a required choice that does not fit a cold message: one
 * that says "Other", "General inquiry", "Question" or the like; failing that, the first option
 * that is not a placeholder ("Select...", "-- Choose --", an empty value).
 */
final class NeutralChoice {

    /** A choice as a person reads it: the value it submits and its text. */
    record Choice(String value, String text) {
    }

    private static final Pattern NEUTRAL = Pattern.compile(
            "(?i)\\b(other|general|question|questions|inquiry|enquiry|something else|not sure|not listed|misc)\\b");
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "(?i)^\\W*(select|choose|please|pick|--|—)|^\\W*$");

    private NeutralChoice() {
    }

    /** The neutral choice and the rule that picked it, or empty when every option is a placeholder. */
    static Optional<Picked> pick(List<Choice> choices) {
        List<Choice> real = choices.stream()
                .filter(c -> !c.value().isBlank() && !PLACEHOLDER.matcher(c.text()).find())
                .toList();
        return real.stream()
                .filter(c -> NEUTRAL.matcher(c.text()).find() || NEUTRAL.matcher(c.value()).find())
                .findFirst()
                .map(c -> new Picked(c, "required, none chosen: the neutral option '" + c.text() + "'"))
                .or(() -> real.stream().findFirst()
                        .map(c -> new Picked(c, "required, none chosen, no neutral option: the first real option '"
                                + c.text() + "'")));
    }

    /** A choice and why. */
    record Picked(Choice choice, String rule) {
    }
}
