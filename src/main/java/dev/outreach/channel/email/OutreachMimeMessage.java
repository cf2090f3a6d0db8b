package dev.outreach.channel.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A MimeMessage that keeps our Message-ID: {@code saveChanges()} would otherwise replace it with
 * one of Jakarta Mail's own, and replies and bounces could no longer be matched to the message.
 */
final class OutreachMimeMessage extends MimeMessage {

    private final String messageId;

    OutreachMimeMessage(Session session, String messageId) {
        super(session);
        this.messageId = messageId;
    }

    /** A message read back from its encoded bytes, still keeping our Message-ID should anything save it again. */
    OutreachMimeMessage(Session session, java.io.InputStream encoded, String messageId) throws MessagingException {
        super(session, encoded);
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }
}
