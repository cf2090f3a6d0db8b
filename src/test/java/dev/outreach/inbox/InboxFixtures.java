package dev.outreach.inbox;

import dev.outreach.campaign.CampaignService;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import dev.outreach.security.UserService;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The scene of an inbox test: leads in campaigns, our touches and their replies with labels. Leads,
 * campaigns, enrollments and users go through their services; touches and replies are written as
 * the outbox and the IMAP poller write them (other modules' tables, written here only to set the scene).
 */
public final class InboxFixtures {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private final JdbcClient jdbc;
    private final LeadService leads;
    private final CampaignService campaigns;
    private final ReplyIntentStore intents;
    private final UserService users;

    public InboxFixtures(ApplicationContext context) {
        this.jdbc = context.getBean(JdbcClient.class);
        this.leads = context.getBean(LeadService.class);
        this.campaigns = context.getBean(CampaignService.class);
        this.intents = context.getBean(ReplyIntentStore.class);
        this.users = context.getBean(UserService.class);
    }

    public static long unique() {
        return SEQUENCE.incrementAndGet();
    }

    public long campaign(String name) {
        return SystemActor.call(() -> campaigns.create(name + " " + unique(), "Inbox test campaign", "UTC").id());
    }

    public long lead(String firstName, String lastName, String company) {
        LeadDraft draft = new LeadDraft();
        draft.setFirstName(firstName);
        draft.setLastName(lastName);
        draft.setCompany(company);
        draft.setTitle("Owner");
        draft.setEmail(firstName.toLowerCase() + "." + unique() + "@inbox-test.example");
        return SystemActor.call(() -> leads.create(draft));
    }

    /**
     * The lead's enrollment at its first touch, the next one due in a month (so that the sequencer
     * tick, running in the test context, writes no touch of its own into the thread); returns its id.
     */
    public long enroll(long leadId, long campaignId) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                insert into enrollment (lead_id, campaign_id, outreach_sequence_step, status, last_email_sent_at,
                    next_touch_due_at, created_at, updated_at)
                values (?, ?, 1, 'ACTIVE', ?, ?, ?, ?)
                """).params(leadId, campaignId, now, Timestamp.from(Instant.now().plusSeconds(30L * 86400)), now, now).update();
        return jdbc.sql("select id from enrollment where lead_id = ? and campaign_id = ?").params(leadId, campaignId)
                .query(Long.class).single();
    }

    public long mailbox() {
        long n = unique();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("insert into sending_domain (domain, status, daily_cap, created_at, updated_at) values (?, 'ACTIVE', 100, ?, ?)")
                .params("inbox" + n + ".example", now, now).update();
        long domainId = jdbc.sql("select id from sending_domain where domain = ?").param("inbox" + n + ".example")
                .query(Long.class).single();
        jdbc.sql("""
                insert into mailbox (address, display_name, domain_id, smtp_host, smtp_port, smtp_security, daily_cap,
                    warmup_start_volume, warmup_daily_increase, active, created_at, updated_at)
                values (?, 'Inbox test', ?, 'smtp.inbox.example', 587, 'STARTTLS', 50, 10, 5, true, ?, ?)
                """).params("sales@inbox" + n + ".example", domainId, now, now).update();
        return jdbc.sql("select id from mailbox where address = ?").param("sales@inbox" + n + ".example").query(Long.class).single();
    }

    /** A touch of ours as the outbox holds it once sent. */
    public UUID touch(long leadId, Long enrollmentId, Long mailboxId, String channel, String messageType, Instant sentAt,
            String subject, String body) {
        UUID id = UUID.randomUUID();
        Timestamp at = Timestamp.from(sentAt);
        jdbc.sql("""
                insert into outreach_message (id, lead_id, enrollment_id, touch, message_type, channel_used, subject, body, status,
                    mailbox_id, due_at, sent_at, created_at, updated_at, step_index)
                values (?, ?, ?, 1, ?, ?, ?, ?, 'SENT', ?, ?, ?, ?, ?, 0)
                """).params(id, leadId, enrollmentId, messageType, channel, subject, body, mailboxId, at, at, at, at).update();
        return id;
    }

    /** A reply (kind REPLY or AUTO_REPLY) to our touch as the IMAP poller records it; returns its id. */
    public long reply(long leadId, UUID messageId, Long mailboxId, Instant receivedAt, String kind, String subject, String text) {
        String header = "<" + UUID.randomUUID() + "@prospect.example>";
        jdbc.sql("""
                insert into email_reply (message_id, lead_id, mailbox_id, header_message_id, from_address, subject, excerpt,
                    received_at, written_at, kind)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).params(messageId, leadId, mailboxId, header, "prospect-" + leadId + "@inbox-test.example", subject, text,
                Timestamp.from(receivedAt), Timestamp.from(receivedAt), kind).update();
        return jdbc.sql("select id from email_reply where header_message_id = ?").param(header).query(Long.class).single();
    }

    /** The label the rules would give, stored as they store it. */
    public void label(long replyId, long leadId, IntentLabel label) {
        intents.insert(replyId, leadId, new ReplyIntent(label, Optional.empty(), Optional.empty(), Optional.empty(), 0.9,
                "test label", IntentSource.RULE), false, Instant.now());
    }

    public String user(Role role) {
        String name = "inbox-user-" + unique();
        SystemActor.run(() -> users.create(name, "a-long-enough-password", role));
        return name;
    }
}
