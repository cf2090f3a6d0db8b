package dev.outreach.shared;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mail way to unsubscribe (RFC 2369): every email's List-Unsubscribe header offers a mailto
 * to the sending mailbox with the subject {@code unsubscribe-<token>}, the same signed token as
 * the one-click link ({@link LinkTokens#unsubscribe}); the IMAP poller reads the subject back in
 * the mailbox's inbox and acts only on a token that verifies. Nobody can make one up for a
 * message from its id (which replies and forwards carry in their headers).
 */
public final class UnsubscribeMailto {

    private static final String PREFIX = "unsubscribe-";
    /** As mail clients send it: the subject alone, perhaps with spaces around it; the token is case-sensitive. */
    private static final Pattern SUBJECT = Pattern.compile("\\s*(?i:" + PREFIX + ")([A-Za-z0-9_.-]{16,200})\\s*");

    private UnsubscribeMailto() {
    }

    /** The mailto URI for the header, to {@code mailbox}, with the message's unsubscribe token. */
    public static String uri(String mailbox, String token) {
        return "mailto:" + mailbox + "?subject=" + PREFIX + token;
    }

    /** The token a mail with this subject carries, if the subject is one of ours (verify it before acting). */
    public static Optional<String> tokenIn(String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        Matcher matcher = SUBJECT.matcher(subject);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
