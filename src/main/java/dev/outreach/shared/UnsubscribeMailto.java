package dev.outreach.shared;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mail way to unsubscribe (RFC 2369): every email's List-Unsubscribe header offers a mailto
 * to the sending mailbox with the subject {@code unsubscribe-<message id>}; the IMAP poller
 * reads that subject back in the mailbox's inbox. The id is the message's random UUID, which
 * only the recipient of that email has seen.
 */
public final class UnsubscribeMailto {

    private static final String PREFIX = "unsubscribe-";
    /** As mail clients send it: the subject alone, perhaps with spaces around it, any case. */
    private static final Pattern SUBJECT = Pattern.compile(
            "\\s*" + PREFIX + "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\s*", Pattern.CASE_INSENSITIVE);

    private UnsubscribeMailto() {
    }

    /** The mailto URI for the header, to {@code mailbox}. */
    public static String uri(String mailbox, UUID messageId) {
        return "mailto:" + mailbox + "?subject=" + PREFIX + messageId;
    }

    /** The message a mail with this subject unsubscribes from, if the subject is one of ours. */
    public static Optional<UUID> messageIn(String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        Matcher matcher = SUBJECT.matcher(subject);
        return matcher.matches() ? Optional.of(UUID.fromString(matcher.group(1))) : Optional.empty();
    }
}
