package dev.outreach.channel.contactform;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A contact form an operator submits by hand because a CAPTCHA protects it: the page to open
 * and, in form order, each visible field with the value to paste. Hidden tokens are left to the
 * browser and decoys stay empty, so neither is listed. Labels and the page come from the site:
 * untrusted, shown as text only.
 *
 * <p>Stored as a manual task's text, readable as it is and split back into fields by
 * {@link #fromTaskText}: one header line, then for each field a line {@code ── label ──}
 * followed by the value (which may span lines).
 */
public record FormByHand(String pageUrl, String captcha, List<Field> fields) {

    /** One field to fill: the words the page shows for it and what to paste. */
    public record Field(String label, String value) {

        public Field {
            label = label == null ? "" : label.strip().replaceAll("\\s+", " ");
            value = value == null ? "" : value;
        }
    }

    private static final String HEADER_END = " protects this form: open the page, paste each value, solve it, submit.";
    private static final Pattern MARKER = Pattern.compile("^── (.+) ──$");

    public FormByHand {
        fields = List.copyOf(fields);
    }

    /** Roles a person leaves to the page: tokens, decoys, buttons and what a builder's script adds. */
    private static final Set<String> NOT_TYPED = Set.of("hidden", "honeypot", "submit", "added by script",
            "left empty");

    /** Whether a CAPTCHA is all that keeps the channel from submitting the page's form. */
    static boolean isCaptchaOnly(FormAnalysis analysis) {
        return analysis.captcha() != null && analysis.jsRendered() == null && analysis.action() != null
                && analysis.skipReason() != null && analysis.skipReason().startsWith("CAPTCHA (");
    }

    /**
     * What a person fills in of the form we would have submitted: each field a person sees that
     * gets a value, under the label the page shows (a ticked box reads "tick").
     */
    static FormByHand of(FormAnalysis analysis) {
        Set<String> done = new HashSet<>();
        List<Field> fields = new ArrayList<>();
        for (FieldVerdict field : analysis.fields()) {
            if (field.sent() && !field.value().isBlank() && !NOT_TYPED.contains(field.role())
                    && done.add(field.name())) {
                fields.add(new Field(field.label(), field.role().equals("consent") ? "tick" : field.value()));
            }
        }
        return new FormByHand(analysis.page(), analysis.captcha(), fields);
    }

    /** The task's text: what an operator reads and copies from. */
    public String taskText() {
        StringBuilder text = new StringBuilder(captcha).append(HEADER_END).append('\n');
        for (Field field : fields) {
            text.append('\n').append("── ").append(field.label()).append(" ──").append('\n').append(field.value())
                    .append('\n');
        }
        return text.toString();
    }

    /** Reads a task's text back into its fields; text in another shape gives no fields. */
    public static FormByHand fromTaskText(String pageUrl, String text) {
        List<Field> fields = new ArrayList<>();
        String captcha = "";
        if (text != null) {
            String[] lines = text.split("\n", -1);
            if (lines[0].endsWith(HEADER_END)) {
                captcha = lines[0].substring(0, lines[0].length() - HEADER_END.length());
            }
            String label = null;
            List<String> value = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                Matcher marker = MARKER.matcher(lines[i]);
                if (marker.matches()) {
                    addField(fields, label, value);
                    label = marker.group(1);
                    value.clear();
                } else if (label != null) {
                    value.add(lines[i]);
                }
            }
            addField(fields, label, value);
        }
        return new FormByHand(pageUrl, captcha, fields);
    }

    /** The value ends before the blank line that separates it from the next field. */
    private static void addField(List<Field> fields, String label, List<String> lines) {
        if (label == null) {
            return;
        }
        int end = lines.size();
        if (end > 0 && lines.get(end - 1).isEmpty()) {
            end--;
        }
        fields.add(new Field(label, String.join("\n", lines.subList(0, end))));
    }
}
