package dev.outreach.channel.contactform;

import java.util.List;
import java.util.Locale;

/**
 * One named control of a form, read from the page.
 *
 * @param name the name it is submitted under
 * @param kind how a browser submits it
 * @param role what it asks for
 * @param label the text a person sees for it (label, placeholder, aria-label), or its name
 * @param defaultValue the value a browser would submit untouched (for a select: the selected or
 *     first option), or null when there is none
 * @param required whether the page marks it required
 * @param preset for a checkbox or radio button: checked; for a select: an option is explicitly
 *     selected
 * @param why what decided its role, in words
 * @param options for a select, its options in order; empty otherwise
 */
record FormControl(String name, Kind kind, FieldRole role, String label, String defaultValue, boolean required,
        boolean preset, String why, List<Option> options) {

    enum Kind {
        TEXT,
        HIDDEN,
        CHECKBOX,
        RADIO,
        SELECT,
        SUBMIT
    }

    /** One option of a select: the value it submits and the text a person reads. */
    record Option(String value, String text) {
    }

    FormControl {
        options = List.copyOf(options);
    }

    /** How an operator recognises the field in a skip reason. */
    String describe() {
        String kindName = kind.name().toLowerCase(Locale.ROOT);
        return label.equals(name) ? "'" + name + "' (" + kindName + ")"
                : "'" + label + "' (" + name + ", " + kindName + ")";
    }
}
