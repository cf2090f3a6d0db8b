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

    /** A mailbox that may send now, with its daily cap for the per-mailbox rate limit. */
    public record EligibleMailbox(SendingMailbox mailbox, int dailyCap) {
    }

    /** Active mailboxes on active domains, in a stable order, secrets decrypted. */
    @Transactional(readOnly = true)
    public List<EligibleMailbox> eligible() {
        return jdbc.sql("""
                select m.id, m.address, m.display_name, m.smtp_host, m.smtp_port, m.smtp_security, m.smtp_username,
                       m.smtp_password_enc, m.daily_cap
                from mailbox m join sending_domain d on d.id = m.domain_id
                where m.active and m.paused_reason is null and d.status = 'ACTIVE'
                order by m.id
                """).query((rs, n) -> new EligibleMailbox(new SendingMailbox(rs.getLong("id"), rs.getString("address"),
                        rs.getString("display_name"),
                        new SmtpEndpoint(rs.getString("smtp_host"), rs.getInt("smtp_port"), rs.getString("smtp_security"),
                                rs.getString("smtp_username"), secrets.decrypt(rs.getString("smtp_password_enc")))),
                        rs.getInt("daily_cap")))
                .list();
    }

    /** The rotation: the same lead and touch always map to the same mailbox of the list. */
    public static Optional<EligibleMailbox> choose(List<EligibleMailbox> eligible, long leadId, int touch) {
        if (eligible.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(eligible.get((int) Math.floorMod(leadId + touch, (long) eligible.size())));
    }
}
