package dev.outreach.channel.email;

import dev.outreach.channel.DeliveryResult;
import dev.outreach.shared.FailureChain;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Reads an SMTP failure as a delivery result. A permanent reply (5xx) to the recipient or the
 * message is a hard bounce; a temporary one (4xx), a broken connection or a failed login is a
 * soft failure worth a retry. The server's own words go into the reason.
 */
final class SmtpFailures {

    private static final int MAX_REPLY_CHARS = 500;

    private SmtpFailures() {
    }

    static DeliveryResult classify(MessagingException failure, SmtpTarget target) {
        List<Throwable> chain = chainOf(failure);
        Optional<AuthenticationFailedException> login = first(chain, AuthenticationFailedException.class);
        if (login.isPresent()) {
            return DeliveryResult.retryLater("authentication failed for mailbox " + target.mailbox() + " at "
                    + target.label() + ": " + text(login.get()), Optional.empty());
        }
        Optional<SmtpReply> reply = SmtpReply.in(chain);
        if (reply.isPresent()) {
            return byReply(reply.get(), target);
        }
        Optional<MailConnectException> connect = first(chain, MailConnectException.class);
        if (connect.isPresent()) {
            Throwable cause = connect.get().getCause();
            String why = cause instanceof UnknownHostException ? "the host name does not resolve"
                    : text(cause == null ? connect.get() : cause);
            return DeliveryResult.retryLater("could not connect to " + target.label() + ": " + why, Optional.empty());
        }
        Optional<IOException> io = first(chain, IOException.class);
        if (io.isPresent()) {
            return DeliveryResult.retryLater("the connection to " + target.label() + " failed: " + text(io.get()),
                    Optional.empty());
        }
        return DeliveryResult.retryLater("SMTP error at " + target.label() + ": " + text(failure), Optional.empty());
    }

    /**
     * Whether the message's final dot went out and its reply never came (see
     * {@link ReplyWatchingSmtpTransport}): not a failure, the server may have the message.
     */
    static boolean replyLost(MessagingException failure) {
        return first(chainOf(failure), ReplyWatchingSmtpTransport.FinalReplyLost.class).isPresent();
    }

    /** Whether the connection may still be used after this failure: only a server's reply says so. */
    static boolean leavesConnectionUsable(MessagingException failure) {
        return SmtpReply.in(chainOf(failure)).isPresent();
    }

    private static DeliveryResult byReply(SmtpReply reply, SmtpTarget target) {
        String said = reply.text() + " (" + target.label() + ")";
        if (reply.toSender()) {
            // the server refuses our mailbox, not the lead: no bounce against the lead, and another mailbox may do
            return DeliveryResult.retryLater("the server refused mailbox " + target.mailbox() + " as sender: " + said,
                    Optional.empty());
        }
        if (reply.code() >= 500) {
            return reply.toRecipient() && deadAddress(reply.text()) ? DeliveryResult.addressRejected(said)
                    : DeliveryResult.bounced(said);
        }
        return DeliveryResult.retryLater(said, Optional.empty());
    }

    /** The RFC 3463 status right after the reply code: "550 5.1.1 ..." */
    private static final Pattern ENHANCED_STATUS = Pattern.compile("^\\s*\\d{3}[ -]+([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");
    /** Without a status, the words servers use for an address that does not exist or takes no mail. */
    private static final Pattern NO_SUCH_ADDRESS = Pattern.compile(
            "unknown|no such|does not exist|doesn't exist|not exist|not found|invalid (mailbox|recipient|address)"
                    + "|mailbox unavailable|disabled|inactive|deactivated", Pattern.CASE_INSENSITIVE);

    /**
     * Whether a permanent refusal of the recipient says the address itself is dead: status 5.1.x
     * (bad mailbox, bad domain) or 5.2.1 (mailbox disabled). Policy, relaying and blocklist
     * refusals (5.7.x) or a full mailbox (5.2.2) are about our message or our mailbox; they fail
     * the email step but leave the address usable. Without a status, the reply's words decide.
     */
    static boolean deadAddress(String replyText) {
        Matcher status = ENHANCED_STATUS.matcher(replyText);
        if (!status.find()) {
            return NO_SUCH_ADDRESS.matcher(replyText).find();
        }
        return "5".equals(status.group(1)) && ("1".equals(status.group(2))
                || ("2".equals(status.group(2)) && "1".equals(status.group(3))));
    }

    /** A reply code and text found in a failure, preferring the most specific exception. */
    private record SmtpReply(int code, String text, boolean toSender, boolean toRecipient) {

        static Optional<SmtpReply> in(List<Throwable> chain) {
            for (Throwable t : chain) {
                if (t instanceof SMTPAddressFailedException e && e.getReturnCode() >= 400) {
                    return Optional.of(new SmtpReply(e.getReturnCode(), SmtpFailures.text(e), false, true));
                }
            }
            for (Throwable t : chain) {
                if (t instanceof SMTPSenderFailedException e && e.getReturnCode() >= 400) {
                    return Optional.of(new SmtpReply(e.getReturnCode(), SmtpFailures.text(e), true, false));
                }
            }
            for (Throwable t : chain) {
                if (t instanceof SMTPSendFailedException e && e.getReturnCode() >= 400) {
                    return Optional.of(new SmtpReply(e.getReturnCode(), SmtpFailures.text(e), false, false));
                }
            }
            return Optional.empty();
        }
    }

    /** The exception, its causes and, for MessagingException, the next exceptions (per-address failures). */
    private static List<Throwable> chainOf(Throwable failure) {
        return FailureChain.of(failure);
    }

    private static <T> Optional<T> first(List<Throwable> chain, Class<T> type) {
        return FailureChain.first(chain, type);
    }

    /** The exception's own message, on one line: for SMTP exceptions the server's reply. */
    private static String text(Throwable t) {
        String message = t instanceof MessagingException m ? ownMessage(m) : t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        String line = message.replaceAll("\\s+", " ").strip();
        return line.length() <= MAX_REPLY_CHARS ? line : line.substring(0, MAX_REPLY_CHARS) + "...";
    }

    /** MessagingException.getMessage() appends its nested exception; the reason names that one on its own. */
    private static String ownMessage(MessagingException m) {
        String message = m.getMessage();
        Exception next = m.getNextException();
        if (message != null && next != null) {
            int nested = message.indexOf(";\n  nested exception is:");
            if (nested >= 0) {
                return message.substring(0, nested);
            }
        }
        return message;
    }
}
