package dev.outreach.channel.contactform;

import dev.outreach.channel.contactform.FormControl.Kind;
import dev.outreach.channel.contactform.NeutralChoice.Choice;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Fills a contact form the way a careful person with a browser would: our values go into the
 * fields we understand, everything else keeps its default (hidden tokens included), decoys keep
 * their own value, unticked boxes are left out. A required choice gets a neutral option
 * ({@link NeutralChoice}); a required privacy-policy box is ticked; a marketing or SMS box never
 * is, and one the page ticked in advance is unticked. A required field we cannot fill honestly
 * (another box, a field we do not understand) makes the form unfillable, naming the field.
 */
final class FormFiller {

    private final ContactForm form;
    private final ContactFormRequest request;
    private final List<FormEntry> entries = new ArrayList<>();
    private final List<FieldVerdict> verdicts = new ArrayList<>();
    private String unfillable;

    private FormFiller(ContactForm form, ContactFormRequest request) {
        this.form = form;
        this.request = request;
    }

    static FormFill fill(ContactForm form, ContactFormRequest request) {
        return new FormFiller(form, request).fill();
    }

    private FormFill fill() {
        URI action;
        try {
            action = new URI(form.action());
        } catch (URISyntaxException e) {
            return new FormFill.Unfillable("the form's action '" + form.action() + "' is not a valid URL");
        }
        Set<String> radioGroupsDone = new HashSet<>();
        boolean submitSeen = false;
        for (FormControl control : form.controls()) {
            switch (control.kind()) {
                case SUBMIT -> {
                    if (!control.name().isEmpty()) {
                        submit(control, !submitSeen && form.submitButtonSent());
                    }
                    submitSeen = true;
                }
                case HIDDEN -> send(control, "hidden", nullToEmpty(control.defaultValue()), control.why());
                case TEXT -> text(control);
                case CHECKBOX -> checkbox(control);
                case RADIO -> {
                    if (radioGroupsDone.add(control.name())) {
                        radioGroup(control);
                    }
                }
                case SELECT -> select(control);
            }
        }
        form.scriptEntries().forEach(e -> {
            entries.add(new FormEntry(e.name(), e.value()));
            verdicts.add(new FieldVerdict(e.name(), e.name(), "added by script", e.value(), e.why()));
        });
        if (unfillable != null) {
            return new FormFill.Unfillable(unfillable, verdicts);
        }
        return new FormFill.Ready(new FormSubmission(action, form.method(), form.multipart(), entries), verdicts);
    }

    private void submit(FormControl control, boolean sent) {
        if (sent) {
            send(control, "submit", nullToEmpty(control.defaultValue()), "the form's default button, sent as a browser does");
        } else {
            leave(control, "submit", form.submitButtonSent() ? "not the button a browser clicks"
                    : "the builder's script does not send its button");
        }
    }

    private void text(FormControl control) {
        if (control.role() == FieldRole.HONEYPOT) {
            send(control, "honeypot", nullToEmpty(control.defaultValue()), "decoy: " + control.why() + "; keeps its own value");
            return;
        }
        String value = valueFor(control.role());
        if (!isBlank(value)) {
            send(control, control.role().words(), value, control.why());
            return;
        }
        if (control.required() && isBlank(control.defaultValue())) {
            cannotFill(control);
        }
        String rule = control.role() == FieldRole.OTHER ? "nothing of ours fits (" + control.why() + ")"
                : "we have no " + control.role().words() + " to give";
        send(control, "left empty", nullToEmpty(control.defaultValue()),
                isBlank(control.defaultValue()) ? rule : rule + "; keeps the page's value");
    }

    private void checkbox(FormControl control) {
        switch (control.role()) {
            case HONEYPOT -> {
                if (control.preset()) {
                    send(control, "honeypot", control.defaultValue(), "decoy: " + control.why() + "; left as the page set it");
                } else {
                    leave(control, "honeypot", "decoy: " + control.why() + "; never ticked");
                }
            }
            case MARKETING_CONSENT -> {
                if (control.required()) {
                    cannotFill(control);
                }
                leave(control, "left empty", "marketing or SMS consent (" + control.why()
                    + "): never ticked" + (control.preset() ? ", unticked although the page ticked it" : ""));
            }
            case PRIVACY_CONSENT -> {
                if (control.preset() || control.required()) {
                    send(control, "consent", control.defaultValue(), "privacy-policy acceptance (" + control.why() + ")"
                            + (control.preset() ? ", ticked by the page" : ", required: ticked"));
                } else {
                    leave(control, "left empty", "privacy-policy acceptance that is not required (" + control.why() + ")");
                }
            }
            default -> {
                if (control.preset()) {
                    send(control, "hidden", control.defaultValue(), "ticked by the page, left as it is");
                } else {
                    if (control.required()) {
                        cannotFill(control);
                    }
                    leave(control, "left empty", "an optional box we have no reason to tick");
                }
            }
        }
    }

    private void radioGroup(FormControl first) {
        List<FormControl> group = form.controls().stream()
                .filter(c -> c.kind() == Kind.RADIO && c.name().equals(first.name())).toList();
        Optional<FormControl> checked = group.stream().filter(FormControl::preset).findFirst();
        if (checked.isPresent()) {
            send(checked.get(), "choice", checked.get().defaultValue(), "the option the page selected");
            return;
        }
        if (group.stream().noneMatch(FormControl::required) || first.role() == FieldRole.HONEYPOT) {
            leave(first, "left empty", "an optional choice");
            return;
        }
        Optional<NeutralChoice.Picked> picked = NeutralChoice.pick(group.stream()
                .map(c -> new Choice(c.defaultValue(), c.label())).toList());
        if (picked.isEmpty()) {
            cannotFill(first);
            leave(first, "left empty", "required, and no option is a real one");
            return;
        }
        send(first, "choice", picked.get().choice().value(), picked.get().rule());
    }

    private void select(FormControl control) {
        if (control.role() == FieldRole.HONEYPOT) {
            send(control, "honeypot", nullToEmpty(control.defaultValue()), "decoy: " + control.why());
            return;
        }
        if (control.required() && !control.preset()) {
            Optional<NeutralChoice.Picked> picked = NeutralChoice.pick(control.options().stream()
                    .map(o -> new Choice(o.value(), o.text())).toList());
            if (picked.isEmpty()) {
                cannotFill(control);
                leave(control, "left empty", "required, and no option is a real one");
                return;
            }
            send(control, "choice", picked.get().choice().value(), picked.get().rule());
            return;
        }
        if (control.defaultValue() != null) {
            send(control, "choice", control.defaultValue(), control.preset() ? "the option the page selected"
                    : "optional: the first option, as a browser sends it");
        }
    }

    private String valueFor(FieldRole role) {
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
            default -> null;
        };
    }

    private void send(FormControl control, String role, String value, String rule) {
        entries.add(new FormEntry(control.name(), value));
        verdicts.add(new FieldVerdict(control.name(), control.label(), role, value, rule));
    }

    private void leave(FormControl control, String role, String rule) {
        verdicts.add(new FieldVerdict(control.name(), control.label(), role, null, rule));
    }

    private void cannotFill(FormControl control) {
        if (unfillable == null) {
            unfillable = "required field " + control.describe() + " cannot be filled";
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
