package dev.outreach.events;

import dev.outreach.shared.ImapStores;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.ComparisonTerm;
import jakarta.mail.search.ReceivedDateTerm;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * One IMAP connection to a mailbox's INBOX, opened read-only (EXAMINE) and fetching with PEEK:
 * the poller never deletes, moves or flags mail, and never marks it read.
 */
final class ImapInbox implements AutoCloseable {

    private final Store store;
    private final IMAPFolder folder;

    private ImapInbox(Store store, IMAPFolder folder) {
        this.store = store;
        this.folder = folder;
    }

    static ImapInbox open(ImapMailbox mailbox, String password, ImapProperties properties) throws MessagingException {
        Store store = ImapStores.connect(mailbox.host(), mailbox.port(), mailbox.security(), mailbox.username(), password,
                properties.connectTimeout(), properties.readTimeout());
        try {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            return new ImapInbox(store, inbox);
        } catch (MessagingException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    long uidValidity() throws MessagingException {
        return folder.getUIDValidity();
    }

    long uid(Message message) throws MessagingException {
        return folder.getUID(message);
    }

    /**
     * The UID to read after when starting fresh (first poll, or UIDVALIDITY changed): just below
     * the oldest message received since {@code since}, else just below the next UID to come.
     */
    long uidBefore(Instant since) throws MessagingException {
        Message[] recent = folder.search(new ReceivedDateTerm(ComparisonTerm.GE, Date.from(since)));
        long oldest = Long.MAX_VALUE;
        for (Message message : recent) {
            oldest = Math.min(oldest, folder.getUID(message));
        }
        return oldest != Long.MAX_VALUE ? oldest - 1 : uidNext() - 1;
    }

    /**
     * The next messages after {@code uid}, oldest first, at most {@code max}, each fetched whole in
     * one FETCH for the batch. Reading the headers in the batch and then the bodies one by one (what
     * {@code getContent()} does on its own) costs one round trip per message and part, and some
     * servers (GreenMail among them) pay for every FETCH in proportion to the whole folder; the
     * whole messages in one command make a poll two FETCH commands however much mail is new: one
     * for the new UIDs, one for the messages. At most {@code max} messages are held in memory.
     */
    List<Message> after(long uid, int max) throws MessagingException {
        long next = folder.getUIDNext();
        if (next > 0 && next <= uid + 1) {
            return List.of(); // nothing new: EXAMINE said so, no FETCH at all
        }
        Message[] found = folder.getMessagesByUID(uid + 1, UIDFolder.MAXUID);
        // "n:*" also returns the newest message when n is past the end: keep only what is new
        Message[] fresh = Arrays.stream(found).filter(Objects::nonNull).filter(m -> uidOf(m) > uid)
                .sorted(Comparator.comparingLong(this::uidOf)).limit(max).toArray(Message[]::new);
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add(FetchProfile.Item.ENVELOPE);
        profile.add(FetchProfile.Item.CONTENT_INFO);
        profile.add(IMAPFolder.FetchProfileItem.MESSAGE);
        folder.fetch(fresh, profile);
        return List.of(fresh);
    }

    private long uidNext() throws MessagingException {
        long next = folder.getUIDNext();
        if (next > 0) {
            return next;
        }
        int count = folder.getMessageCount();
        return count == 0 ? 1 : folder.getUID(folder.getMessage(count)) + 1;
    }

    private long uidOf(Message message) {
        try {
            return folder.getUID(message);
        } catch (MessagingException e) {
            throw new IllegalStateException("The IMAP server gave no UID for message " + message.getMessageNumber(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException ignored) {
            // closing a read-only folder changes nothing on the server
        } finally {
            try {
                store.close();
            } catch (MessagingException ignored) {
                // the connection is gone either way
            }
        }
    }
}
