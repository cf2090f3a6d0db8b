package dev.outreach.inbox.ui;

import dev.outreach.inbox.InboxRow;
import dev.outreach.inbox.IntentLabel;
import dev.outreach.inbox.IntentSource;
import java.util.Locale;

/** Labels as the console writes them: "Out of office", and who gave it, "Interested (rule)". */
final class InboxLabels {

    private InboxLabels() {
    }

    static String text(IntentLabel label) {
        return switch (label) {
            case AUTO_REPLY_OTHER -> "Auto-reply / other";
            case UNSUBSCRIBE_REQUEST -> "Unsubscribe request";
            default -> {
                String words = label.name().replace('_', ' ').toLowerCase(Locale.ROOT);
                yield Character.toUpperCase(words.charAt(0)) + words.substring(1);
            }
        };
    }

    static String source(IntentSource source) {
        return source.name().toLowerCase(Locale.ROOT);
    }

    /** The row's label and its source; "Not labelled yet" while it has none. */
    static String of(InboxRow row) {
        return row.label().map(label -> text(label) + row.labelSource().map(s -> " (" + source(s) + ")").orElse(""))
                .orElse("Not labelled yet");
    }
}
