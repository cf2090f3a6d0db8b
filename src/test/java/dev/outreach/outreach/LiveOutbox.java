package dev.outreach.outreach;

import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.security.SystemActor;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A live outbox for integration tests on an empty schema: one mailbox whose SMTP server is a
 * loopback test server, LIVE delivery, an hourly email cap, and leads with one due email each.
 */
final class LiveOutbox {

    static final String MAILBOX = "sender@live-outbox.test";

    private LiveOutbox() {
    }

    /** The mailbox (created on first use) sends through 127.0.0.1:{@code smtpPort}; at most {@code emailsPerHour}. */
    static void pointAt(JdbcClient jdbc, int smtpPort, int emailsPerHour) {
        Timestamp now = Timestamp.from(Instant.now());
        if (jdbc.sql("update mailbox set smtp_port = ? where address = ?").params(smtpPort, MAILBOX).update() == 0) {
            jdbc.sql("insert into sending_domain (domain, daily_cap, created_at, updated_at) values ('live-outbox.test', 100000, ?, ?)")
                    .params(now, now).update();
            jdbc.sql("""
                    insert into mailbox (address, display_name, domain_id, smtp_host, smtp_port, smtp_security, daily_cap,
                                         active, created_at, updated_at)
                    select ?, 'Sam Sender', id, '127.0.0.1', ?, 'NONE', 100000, true, ?, ? from sending_domain
                    where domain = 'live-outbox.test'
                    """).params(MAILBOX, smtpPort, now, now).update();
        }
        jdbc.sql("update channel_config set max_per_hour = ?, max_per_day = 100000, max_per_lead = 1000 where channel = 'EMAIL'")
                .params(emailsPerHour).update();
        jdbc.sql("update sales_engine_config set delivery_mode = 'LIVE'").update();
    }

    /**
     * {@code count} new leads, each with one email due now (the first the most overdue); their
     * message ids. The messages are written in one statement, so a running dispatcher claims all
     * of them or none, never the first few while the rest are still being written.
     */
    static List<UUID> dueEmails(JdbcClient jdbc, LeadService leads, int count) {
        List<Long> leadIds = IntStream.range(0, count).mapToObj(i -> SystemActor.call(() -> leads.create(lead(i)))).toList();
        List<UUID> ids = leadIds.stream().map(lead -> UUID.randomUUID()).toList();
        Instant now = Instant.now();
        String rows = String.join(",", Collections.nCopies(count, "(?, ?, 0, 'cold_outreach', 'Spring tune-ups', "
                + "'Hi, a quick note about your spring tune-ups.', 'PENDING', ?, ?, ?, 0, 'EMAIL')"));
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            params.addAll(List.of(ids.get(i), leadIds.get(i), Timestamp.from(now.minusSeconds(60 - i)), Timestamp.from(now),
                    Timestamp.from(now)));
        }
        jdbc.sql("""
                insert into outreach_message (id, lead_id, touch, message_type, subject, body, status, due_at, created_at,
                    updated_at, step_index, first_channel)
                values\s""" + rows).params(params).update();
        return ids;
    }

    private static LeadDraft lead(int i) {
        String token = Long.toString(System.nanoTime(), 36) + i;
        LeadDraft lead = new LeadDraft();
        lead.setFirstName("Pat");
        lead.setLastName("Lee");
        lead.setCompany("Lee Heating " + token);
        lead.setEmail("pat-" + token + "@lee-heating.com");
        return lead;
    }
}
