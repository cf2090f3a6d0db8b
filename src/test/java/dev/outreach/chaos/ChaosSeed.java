package dev.outreach.chaos;

import dev.outreach.shared.SecretCipher;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The chaos run's data, written in SQL into the database the first instance migrated: sending
 * mailboxes on the recording mail server (SMTP with a login, IMAP with the sent folder), leads,
 * their touches parked a day ahead, and the engine in LIVE delivery with limits no run reaches.
 */
final class ChaosSeed {

    static final String DOMAIN = "chaos.example";
    static final String LEAD_DOMAIN = "prospect.example";
    private static final String PASSWORD = "chaos-mailbox-password";
    /** About 1 KB of text, as a short cold email is. */
    private static final String BODY = "Hi there, a quick note about scheduling your spring tune-ups this year.\n".repeat(14);

    private ChaosSeed() {
    }

    /** {@code count} mailboxes {@code sender<n>@chaos.example}, each an account on {@code mail}; returns their addresses. */
    static List<String> mailboxes(JdbcClient jdbc, RecordingMailServer mail, SecretCipher secrets, int count)
            throws Exception {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("insert into sending_domain (domain, daily_cap, created_at, updated_at) values (?, 1000000, ?, ?)")
                .params(DOMAIN, now, now).update();
        List<String> addresses = new java.util.ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String address = "sender" + i + "@" + DOMAIN;
            mail.addMailbox(address, PASSWORD);
            jdbc.sql("""
                    insert into mailbox (address, display_name, domain_id, smtp_host, smtp_port, smtp_security,
                                         smtp_username, smtp_password_enc, imap_host, imap_port, imap_security,
                                         imap_username, imap_password_enc, daily_cap, active, created_at, updated_at)
                    select :address, :name, id, '127.0.0.1', :smtpPort, 'NONE', :address, :smtpPassword,
                           '127.0.0.1', :imapPort, 'NONE', :address, :imapPassword, 1000000, true, :now, :now
                    from sending_domain where domain = :domain
                    """).param("address", address).param("name", "Sender " + i).param("smtpPort", mail.smtpPort())
                    .param("smtpPassword", secrets.encrypt(PASSWORD)).param("imapPort", mail.imapPort())
                    .param("imapPassword", secrets.encrypt(PASSWORD)).param("now", now).param("domain", DOMAIN)
                    .update();
            addresses.add(address);
        }
        return addresses;
    }

    /** {@code leads} leads {@code lead<n>@prospect.example}, each with touches 1..{@code touches}, PENDING, due tomorrow. */
    static void leadsAndTouches(JdbcClient jdbc, int leads, int touches) {
        jdbc.sql("""
                insert into lead (first_name, last_name, email, email_normalized, company, time_zone, status, source,
                                  search_text, created_at, updated_at)
                select 'First' || g, 'Last' || g, 'lead' || g || '@' || :domain, 'lead' || g || '@' || :domain,
                       'Company ' || g, 'America/Chicago', 'NEW', 'CHAOS',
                       'first' || g || ' last' || g || ' company ' || g || ' lead' || g || '@' || :domain, now(), now()
                from generate_series(1, :leads) g
                """).param("domain", LEAD_DOMAIN).param("leads", leads).update();
        for (int touch = 1; touch <= touches; touch++) {
            jdbc.sql("""
                    insert into outreach_message (id, lead_id, touch, message_type, subject, body, status, due_at,
                                                  created_at, updated_at, step_index, first_channel)
                    select gen_random_uuid(), id, :touch, 'cold_outreach', :subject, :body, 'PENDING',
                           now() + interval '1 day', now(), now(), 0, 'EMAIL'
                    from lead where source = 'CHAOS'
                    """).param("touch", touch).param("subject", ChaosTally.subject(touch)).param("body", BODY).update();
        }
    }

    /** LIVE delivery; email limits far above the run, so that nothing waits for a window. */
    static void liveDelivery(JdbcClient jdbc) {
        jdbc.sql("update channel_config set max_per_hour = 10000000, max_per_day = 10000000, max_per_lead = 1000")
                .update();
        jdbc.sql("update sales_engine_config set delivery_mode = 'LIVE'").update();
    }

    /** Every parked touch due now; returns how many. */
    static int release(JdbcClient jdbc) {
        return jdbc.sql("update outreach_message set due_at = now() where status = 'PENDING'").update();
    }
}
