package dev.outreach.deliverability;

import dev.outreach.channel.Delivery.SendingMailbox;
import dev.outreach.channel.Delivery.SmtpEndpoint;
import dev.outreach.shared.SecretCipher;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Picks the mailbox a message is sent from: among active mailboxes on active domains, a
 * rotation seeded by the lead and the touch, so that one lead keeps hearing from the same
 * sender within a touch while load spreads over every mailbox.
 */
@Service
public class MailboxDirectory {

    private final JdbcClient jdbc;
    private final SecretCipher secrets;

    MailboxDirectory(JdbcClient jdbc, SecretCipher secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    @Transactional(readOnly = true)
    public Optional<SendingMailbox> choose(long leadId, int touch) {
        List<Long> ids = jdbc.sql("""
                select m.id from mailbox m join sending_domain d on d.id = m.domain_id
                where m.active and m.paused_reason is null and d.status = 'ACTIVE'
                order by m.id
                """).query(Long.class).list();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        long id = ids.get((int) Math.floorMod(leadId + touch, (long) ids.size()));
        return Optional.of(load(id));
    }

    /** The daily cap of a mailbox, for the per-mailbox rate limit. */
    @Transactional(readOnly = true)
    public int dailyCap(long mailboxId) {
        return jdbc.sql("select daily_cap from mailbox where id = :id").param("id", mailboxId).query(Integer.class).single();
    }

    private SendingMailbox load(long id) {
        return jdbc.sql("""
                select id, address, display_name, smtp_host, smtp_port, smtp_security, smtp_username, smtp_password_enc
                from mailbox where id = :id
                """).param("id", id)
                .query((rs, n) -> new SendingMailbox(rs.getLong("id"), rs.getString("address"),
                        rs.getString("display_name"),
                        new SmtpEndpoint(rs.getString("smtp_host"), rs.getInt("smtp_port"), rs.getString("smtp_security"),
                                rs.getString("smtp_username"), secrets.decrypt(rs.getString("smtp_password_enc")))))
                .single();
    }
}
