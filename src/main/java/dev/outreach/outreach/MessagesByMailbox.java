package dev.outreach.outreach;

import dev.outreach.deliverability.MailboxHistory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The outbox's answer to "did this mailbox send anything?", which keeps a used mailbox from being deleted. */
@Component
class MessagesByMailbox implements MailboxHistory {

    private final JdbcClient jdbc;

    MessagesByMailbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean hasSentFrom(long mailboxId) {
        return jdbc.sql("select 1 from outreach_message where mailbox_id = :id fetch first 1 rows only")
                .param("id", mailboxId).query(Integer.class).optional().isPresent();
    }
}
