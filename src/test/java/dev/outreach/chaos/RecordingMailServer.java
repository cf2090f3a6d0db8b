package dev.outreach.chaos;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * GreenMail on 127.0.0.1 (SMTP and IMAP) that records every message it accepts and files a copy
 * in the sending mailbox's {@value #SENT_FOLDER} folder, as Gmail and Microsoft 365 do with mail
 * submitted over SMTP. Each acceptance is answered only after {@code replyDelay}, like a real
 * server's latency; GreenMail accepts one message at a time, so senders queue behind each other.
 * A message whose sender dies while it waits for the reply is still accepted and filed: it went
 * out although the sender never heard so.
 *
 * <p>GreenMail does not announce special-use flags: the sent folder is found by its name.
 */
final class RecordingMailServer implements AutoCloseable {

    static final String SENT_FOLDER = "Sent";

    /** One message accepted for one recipient: its Message-ID header, the envelope sender and the subject. */
    record Accepted(String messageId, String recipient, String sender, String subject, Instant at) {
    }

    private final GreenMail greenMail;
    private final Duration replyDelay;
    private final Queue<Accepted> accepted = new ConcurrentLinkedQueue<>();
    /** The message last filed in a sent folder: one copy per message, however many recipients it has. */
    private MovingMessage lastFiled;

    RecordingMailServer(Duration replyDelay) {
        this.replyDelay = replyDelay;
        quietDroppedConnections();
        this.greenMail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
        greenMail.start();
        greenMail.getUserManager().setMessageDeliveryHandler(this::accept);
    }

    int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    int imapPort() {
        return greenMail.getImap().getPort();
    }

    /** A sending mailbox: its login is its address, and it has an empty sent folder. */
    void addMailbox(String address, String password) throws Exception {
        GreenMailUser user = greenMail.setUser(address, address, password);
        greenMail.getManagers().getImapHostManager().createMailbox(user, SENT_FOLDER);
    }

    /** Everything accepted so far, in the order accepted. */
    List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    /** The messages in a mailbox's sent folder. */
    int sentFolderSize(String address) throws Exception {
        ImapHostManager imap = greenMail.getManagers().getImapHostManager();
        return imap.getFolder(greenMail.getUserManager().getUserByEmail(address), SENT_FOLDER).getMessageCount();
    }

    /**
     * GreenMail's delivery of one message to one recipient (under its SMTP lock, before the
     * server answers the DATA): file, record, wait, then hand the recipient's account back for
     * the inbox copy.
     */
    private GreenMailUser accept(MovingMessage message, MailAddress recipient) throws MessagingException, UserException {
        UserManager users = greenMail.getUserManager();
        String address = recipient.getEmail().toLowerCase(Locale.ROOT);
        GreenMailUser user = users.getUserByEmail(address);
        if (user == null) {
            user = users.createUser(address, address, address);
        }
        MimeMessage mime = message.getMessage();
        if (message != lastFiled) {
            fileInSentFolder(message.getReturnPath(), mime);
            lastFiled = message;
        }
        accepted.add(new Accepted(mime.getMessageID(), address, message.getReturnPath().getEmail(), mime.getSubject(),
                Instant.now()));
        pause();
        return user;
    }

    private void fileInSentFolder(MailAddress sender, MimeMessage mime) throws MessagingException {
        GreenMailUser mailbox = greenMail.getUserManager().getUserByEmail(sender.getEmail().toLowerCase(Locale.ROOT));
        if (mailbox == null) {
            return; // not one of the sending mailboxes: nobody's sent folder
        }
        MailFolder sent = greenMail.getManagers().getImapHostManager().getFolder(mailbox, SENT_FOLDER);
        sent.appendMessage(new MimeMessage(mime), new Flags(Flags.Flag.SEEN), new Date());
    }

    private void pause() {
        try {
            Thread.sleep(replyDelay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    /**
     * GreenMail ends a connection its client dropped (a killed sender) with an uncaught exception
     * and a stack trace on stderr; here that is expected, so it is one line of debug log instead.
     */
    private static void quietDroppedConnections() {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        if (previous instanceof DroppedConnections) {
            return;
        }
        Thread.setDefaultUncaughtExceptionHandler(new DroppedConnections(previous));
    }

    private record DroppedConnections(Thread.UncaughtExceptionHandler previous) implements Thread.UncaughtExceptionHandler {

        private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RecordingMailServer.class);

        @Override
        public void uncaughtException(Thread thread, Throwable e) {
            if ((thread.getName().startsWith("smtp:") || thread.getName().startsWith("imap:"))
                    && e.getCause() instanceof java.net.SocketException) {
                log.debug("{}: the client dropped the connection ({})", thread.getName(), e.getCause().getMessage());
            } else if (previous != null) {
                previous.uncaughtException(thread, e);
            } else { // as the JVM prints it (the thread group would call this handler again)
                System.err.print("Exception in thread \"" + thread.getName() + "\" ");
                e.printStackTrace(System.err);
            }
        }
    }
}
