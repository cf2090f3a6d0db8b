package dev.outreach.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.events.EmailEvent;
import dev.outreach.events.EmailEventIngestion;
import dev.outreach.events.EmailEventKind;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An ACTIVE campaign whose leads were each sent one email (touch 1), and replies that arrive as the
 * IMAP poller records them (on the timeline, with their REPLIED event, in one transaction), so that
 * the rules label them on arrival: what the reply metrics of the overview and command center read.
 */
final class RepliedCampaign {

    final long id;
    final String name;
    final List<Long> leads = new ArrayList<>();
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final EmailEventIngestion ingestion;
    private final Instant sent = Instant.now().minus(Duration.ofDays(1));

    RepliedCampaign(JdbcClient jdbc, TransactionTemplate transaction, EmailEventIngestion ingestion, String name, int contacted) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.ingestion = ingestion;
        this.name = name;
        jdbc.sql("""
                insert into campaign (name, status, default_time_zone, created_at, updated_at)
                values (:name, 'ACTIVE', 'UTC', :at, :at)
                """).param("name", name).param("at", Timestamp.from(sent)).update();
        id = jdbc.sql("select id from campaign where name = :name").param("name", name).query(Long.class).single();
        for (int i = 0; i < contacted; i++) {
            leads.add(contactedLead(i));
        }
    }

    private long contactedLead(int i) {
        String email = "replied-" + i + "-" + UUID.randomUUID().toString().substring(0, 8) + "@replied.example";
        jdbc.sql("""
                insert into lead (first_name, email, email_normalized, status, created_at, updated_at)
                values ('Replied', :email, :email, 'CONTACTED', :at, :at)
                """).param("email", email).param("at", Timestamp.from(sent)).update();
        long lead = jdbc.sql("select id from lead where email = :email").param("email", email).query(Long.class).single();
        jdbc.sql("""
                insert into enrollment (lead_id, campaign_id, outreach_sequence_step, status, last_email_sent_at,
                    next_touch_due_at, created_at, updated_at)
                values (:lead, :campaign, 1, 'ACTIVE', :at, :due, :at, :at)
                """).param("lead", lead).param("campaign", id).param("at", Timestamp.from(sent))
                .param("due", Timestamp.from(sent.plus(Duration.ofDays(7)))).update();
        jdbc.sql("""
                insert into outreach_message (id, lead_id, enrollment_id, touch, message_type, subject, body, status, due_at,
                    sent_at, channel_used, first_channel, step_index, created_at, updated_at)
                select :id, :lead, e.id, 0, 'cold_outreach', 'Gutters', 'Hello', 'SENT', :at, :at, 'EMAIL', 'EMAIL', 0, :at, :at
                from enrollment e where e.lead_id = :lead and e.campaign_id = :campaign
                """).param("id", UUID.randomUUID()).param("lead", lead).param("campaign", id).param("at", Timestamp.from(sent))
                .update();
        return lead;
    }

    /** The {@code index}-th lead's reply to its email; returns the reply's id. */
    long reply(int index, String text) {
        long lead = leads.get(index);
        UUID message = jdbc.sql("select id from outreach_message where lead_id = :lead").param("lead", lead)
                .query(UUID.class).single();
        String header = "<" + UUID.randomUUID() + "@replied.example>";
        Instant at = Instant.now().minus(Duration.ofHours(1));
        transaction.executeWithoutResult(tx -> {
            jdbc.sql("""
                    insert into email_reply (message_id, lead_id, header_message_id, from_address, subject, excerpt,
                        received_at, written_at, kind)
                    values (:message, :lead, :header, 'lead@replied.example', 'Re: Gutters', :text, :at, :at, 'REPLY')
                    """).param("message", message).param("lead", lead).param("header", header).param("text", text)
                    .param("at", Timestamp.from(at)).update();
            assertThat(ingestion.ingest(new EmailEvent("imap", "reply:" + header, EmailEventKind.REPLIED, message, null, at,
                    false, false, "Reply from lead@replied.example: Re: Gutters", null)))
                    .isEqualTo(EmailEventIngestion.Outcome.APPLIED);
        });
        return jdbc.sql("select id from email_reply where header_message_id = :header").param("header", header)
                .query(Long.class).single();
    }
}
