package dev.outreach.channel.contactform;

import dev.outreach.channel.contactform.FormControl.Kind;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Fills a contact form the way a person with a browser would: our values go into the fields we
 * understand, everything else keeps its default (hidden tokens included), unchecked boxes are
 * left out. A required field we cannot fill honestly (a consent box, a choice we would have to
 * guess, a field we do not understand) makes the form unfillable, naming the field.
 */
final class FormFiller {

    private FormFiller() {
    }

    static FormFill fill(ContactForm form, ContactFormRequest request) {
        URI action;
        try {
            action = new URI(form.action());
        } catch (URISyntaxException e) {
            return new FormFill.Unfillable("the form's action '" + form.action() + "' is not a valid URL");
        }
        List<FormEntry> entries = new ArrayList<>();
        Set<String> radioGroupsDone = new HashSet<>();
        boolean submitSeen = false;
        for (FormControl control : form.controls()) {
            switch (control.kind()) {
                case SUBMIT -> {
                    // a browser sends only the button it "clicked": the form's first (default) one
                    if (!submitSeen && !control.name().isEmpty()) {
                        entries.add(new FormEntry(control.name(), nullToEmpty(control.defaultValue())));
                    }
                    submitSeen = true;
                }
                case HIDDEN -> entries.add(new FormEntry(control.name(), nullToEmpty(control.defaultValue())));
                case TEXT -> {
                    String value = valueFor(control.role(), request);
                    if (isBlank(value)) {
                        value = control.defaultValue();
                    }
                    if (control.required() && isBlank(value)) {
                        return unfillable(control);
                    }
                    entries.add(new FormEntry(control.name(), nullToEmpty(value)));
                }
                case CHECKBOX -> {
                    if (control.preset()) {
                        entries.add(new FormEntry(control.name(), control.defaultValue()));
                    } else if (control.required()) {
                        return unfillable(control);
                    }
                }
                case RADIO -> {
                    if (radioGroupsDone.add(control.name())) {
                        var group = form.controls().stream()
                                .filter(c -> c.kind() == Kind.RADIO && c.name().equals(control.name())).toList();
                        var checked = group.stream().filter(FormControl::preset).findFirst();
                        if (checked.isPresent()) {
                            entries.add(new FormEntry(control.name(), checked.get().defaultValue()));
                        } else if (group.stream().anyMatch(FormControl::required)) {
                            return unfillable(control);
                        }
                    }
                }
                case SELECT -> {
                    if (control.required() && !control.preset()) {
                        return unfillable(control);
                    }
                    if (control.defaultValue() != null) {
                        entries.add(new FormEntry(control.name(), control.defaultValue()));
                    }
                }
            }
        }
        return new FormFill.Ready(new FormSubmission(action, form.method(), form.multipart(), entries));
    }

    private static String valueFor(FieldRole role, ContactFormRequest request) {
        String name = request.senderName() == null ? "" : request.senderName().strip();
        int space = name.indexOf(' ');
        return switch (role) {
            case NAME -> name;
            case FIRST_NAME -> space < 0 ? name : name.substring(0, space);
            case LAST_NAME -> space < 0 ? "" : name.substring(space + 1).strip();
            case EMAIL -> request.senderEmail();
            case PHONE -> request.senderPhone();
            case COMPANY -> request.senderCompany();
            case SUBJECT -> request.subject();
            case MESSAGE -> request.message();
            case HIDDEN, OTHER -> null;
        };
    }

    private static FormFill unfillable(FormControl control) {
        return new FormFill.Unfillable("required field " + control.describe() + " cannot be filled");
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
