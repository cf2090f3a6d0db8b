package dev.outreach.channel.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus Mail's SMTP transport, telling a lost final reply from a failure. Once the message's
 * terminating dot ({@code CRLF.CRLF}) has gone out, the server may have taken the message even
 * when its reply never arrives (RFC 1047): the connection dropped or the read timed out. The
 * stock transport reports that like any broken connection, which would make it look safe to send
 * again; here it is a {@link FinalReplyLost}. Angus Mail's {@code finishData} writes the dot with
 * {@link #sendCommand} and then reads the reply, so the dot is out once that call returns.
 */
final class ReplyWatchingSmtpTransport extends SMTPTransport {

    private boolean finishingData;
    private boolean terminatorSent;

    ReplyWatchingSmtpTransport(Session session) {
        super(session, new URLName("smtp", null, -1, null, null, null));
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
        finishingData = true;
        terminatorSent = false;
        try {
            super.finishData();
        } catch (MessagingException | IOException e) {
            // a code of 0 or less: no reply was read (end of stream, reset, timeout); a real reply has its code
            if (terminatorSent && getLastReturnCode() <= 0) {
                throw new FinalReplyLost(e);
            }
            throw e;
        } finally {
            finishingData = false;
        }
    }

    @Override
    protected void sendCommand(String command) throws MessagingException {
        super.sendCommand(command);
        if (finishingData && ".".equals(command)) {
            terminatorSent = true;
        }
    }

    /** The message's final dot went out and no reply came back: the server may have the message. */
    static final class FinalReplyLost extends MessagingException {

        FinalReplyLost(Exception cause) {
            super("connection lost after the message was sent; the server may have it", cause);
        }
    }
}
