package dev.outreach.deliverability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.deliverability.SentFolderNames.Listed;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which folder is the sent folder, over the folder list a server gives (LIST with its attributes).
 * GreenMail announces no SPECIAL-USE, so the {@code \Sent} path is shown here over lists as Gmail,
 * Microsoft 365 and Dovecot give them; the IMAP test covers the name fallback against a real server.
 */
class SentFolderNamesTests {

    @Test
    void gmailsSentMailIsFoundByItsSentAttributeInWhateverLanguage() {
        List<Listed> gmail = List.of(
                new Listed("INBOX", Set.of("\\HasNoChildren")),
                new Listed("Sent", Set.of("\\HasNoChildren")), // a user's own label called "Sent" is not the sent folder
                new Listed("[Gmail]", Set.of("\\HasChildren", "\\Noselect")),
                new Listed("[Gmail]/All Mail", Set.of("\\All", "\\HasNoChildren")),
                new Listed("[Gmail]/Gesendet", Set.of("\\HasNoChildren", "\\Sent")));

        assertThat(SentFolderNames.pick(gmail)).contains("[Gmail]/Gesendet");
    }

    @Test
    void microsoftsSentItemsIsFoundByItsSentAttribute() {
        List<Listed> exchange = List.of(new Listed("Inbox", Set.of("\\Marked", "\\HasNoChildren")),
                new Listed("Deleted Items", Set.of("\\Trash", "\\HasNoChildren")),
                new Listed("Sent Items", Set.of("\\Sent", "\\HasNoChildren")));

        assertThat(SentFolderNames.pick(exchange)).contains("Sent Items");
    }

    @Test
    void theAttributeIsComparedWithoutCase() {
        assertThat(SentFolderNames.pick(List.of(new Listed("Outbound copies", Set.of("\\sent"))))).contains("Outbound copies");
    }

    @Test
    void withoutSpecialUseTheCommonNamesAreTriedInOrder() {
        assertThat(SentFolderNames.pick(List.of(new Listed("INBOX", Set.of()), new Listed("INBOX.Sent", Set.of()),
                new Listed("Sent Messages", Set.of()))))
                .as("Sent Messages comes before INBOX.Sent in the list of names").contains("Sent Messages");
        assertThat(SentFolderNames.pick(List.of(new Listed("INBOX", Set.of()), new Listed("inbox.sent", Set.of()))))
                .contains("inbox.sent");
    }

    @Test
    void aMailboxWithNoSentFolderHasNone() {
        assertThat(SentFolderNames.pick(List.of(new Listed("INBOX", Set.of()), new Listed("Archive", Set.of("\\Archive")),
                new Listed("Drafts", Set.of("\\Drafts"))))).isEmpty();
    }
}
