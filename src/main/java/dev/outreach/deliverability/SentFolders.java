package dev.outreach.deliverability;

import dev.outreach.shared.ImapStores;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.search.MessageIDTerm;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The mailboxes' sent folders, for the outbox: after a send was cut off (a crash, a reply the
 * server never gave) the outbox asks whether the mail is there. Gmail and Microsoft 365 file
 * every message submitted over SMTP in the sent folder, under the Message-ID we gave it, which
 * holds the outreach message's id ({@code <id@mailbox-domain>}). Read only: nothing is moved,
 * flagged or marked read.
 */
@Component
public class SentFolders {

    private static final Logger log = LoggerFactory.getLogger(SentFolders.class);

    /** A mailbox as the outbox needs to know it here: whether its sent folder can be looked at. */
    public record MailboxReach(long id, String address, boolean imap) {
    }

    /** Our message, found in a mailbox's sent folder; {@code sentAt} is its Date header (else when the folder got it). */
    public record Found(UUID messageId, long mailboxId, String mailboxAddress, String messageIdHeader, Instant sentAt) {
    }

    /**
     * What one look through every sent folder found; {@code unread} names each mailbox with IMAP whose
     * sent folder could not be read this time, and why (nothing can be concluded from its silence).
     */
    public record Search(Map<UUID, Found> found, List<String> unread) {
    }

    private record Imap(long id, String address, String host, Integer port, String security, String username) {
    }

    private final JdbcClient jdbc;
    private final MailboxSecrets secrets;

    SentFolders(JdbcClient jdbc, MailboxSecrets secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    /** Every mailbox, paused ones too (a message in doubt may have gone out before the pause). */
    public List<MailboxReach> mailboxes() {
        return jdbc.sql("select id, address, imap_host from mailbox order by id")
                .query((rs, n) -> new MailboxReach(rs.getLong("id"), rs.getString("address"),
                        rs.getString("imap_host") != null && !rs.getString("imap_host").isBlank()))
                .list();
    }

    /** Looks for each message id in the sent folder of every mailbox with IMAP, one connection per mailbox. */
    public Search search(Collection<UUID> messageIds, Duration timeout) {
        Map<UUID, Found> found = new HashMap<>();
        List<String> unread = new ArrayList<>();
        if (messageIds.isEmpty()) {
            return new Search(found, unread);
        }
        for (Imap mailbox : imapMailboxes()) {
            Set<UUID> left = new LinkedHashSet<>(messageIds);
            left.removeAll(found.keySet());
            if (left.isEmpty()) {
                break;
            }
            try {
                found.putAll(searchOne(mailbox, left, timeout));
            } catch (MessagingException | RuntimeException e) {
                log.warn("Could not read the sent folder of mailbox {}: {}", mailbox.id(), e.toString());
                unread.add(mailbox.address() + ": " + e.getMessage());
            }
        }
        return new Search(found, unread);
    }

    private List<Imap> imapMailboxes() {
        return jdbc.sql("""
                select id, address, imap_host, imap_port, imap_security, imap_username
                from mailbox where imap_host is not null and imap_host <> '' order by id
                """).query((rs, n) -> new Imap(rs.getLong("id"), rs.getString("address"), rs.getString("imap_host").strip(),
                        rs.getObject("imap_port", Integer.class), rs.getString("imap_security"),
                        rs.getString("imap_username"))).list();
    }

    private Map<UUID, Found> searchOne(Imap mailbox, Set<UUID> ids, Duration timeout) throws MessagingException {
        String password = secrets.password(mailbox.id(), MailProtocol.IMAP, mailbox.host(), mailbox.username())
                .orElse("");
        String login = mailbox.username() == null || mailbox.username().isBlank() ? mailbox.address() : mailbox.username();
        Store store = ImapStores.connect(mailbox.host(), mailbox.port(), mailbox.security(), login, password, timeout,
                timeout);
        try {
            String name = sentFolder(store).orElseThrow(() -> new MessagingException("no sent folder (none marked \\Sent, none of "
                    + String.join(", ", SentFolderNames.COMMON_NAMES.subList(0, 4)) + ", ...)"));
            Folder sent = store.getFolder(name);
            sent.open(Folder.READ_ONLY);
            try {
                Map<UUID, Found> found = new HashMap<>();
                for (UUID id : ids) {
                    // SEARCH HEADER Message-ID <id>: a substring match on the server, whatever the domain part
                    for (Message hit : sent.search(new MessageIDTerm(id.toString()))) {
                        Optional<String> header = messageIdHeader(hit, id);
                        if (header.isPresent()) {
                            found.put(id, new Found(id, mailbox.id(), mailbox.address(), header.get(), date(hit)));
                            break;
                        }
                    }
                }
                return found;
            } finally {
                sent.close(false);
            }
        } finally {
            store.close();
        }
    }

    private static Optional<String> sentFolder(Store store) throws MessagingException {
        List<SentFolderNames.Listed> listed = new ArrayList<>();
        for (Folder folder : store.getDefaultFolder().list("*")) {
            Set<String> attributes = folder instanceof IMAPFolder imap ? new HashSet<>(Arrays.asList(imap.getAttributes()))
                    : Set.of();
            listed.add(new SentFolderNames.Listed(folder.getFullName(), attributes));
        }
        return SentFolderNames.pick(listed);
    }

    /** The hit's own Message-ID when it is ours for {@code id} (the server's substring match is checked again here). */
    private static Optional<String> messageIdHeader(Message hit, UUID id) throws MessagingException {
        String[] headers = hit.getHeader("Message-ID");
        if (headers == null) {
            return Optional.empty();
        }
        for (String header : headers) {
            if (header.strip().startsWith("<" + id + "@")) {
                return Optional.of(header.strip());
            }
        }
        return Optional.empty();
    }

    private static Instant date(Message hit) throws MessagingException {
        if (hit.getSentDate() != null) {
            return hit.getSentDate().toInstant();
        }
        return hit.getReceivedDate() == null ? null : hit.getReceivedDate().toInstant();
    }
}
