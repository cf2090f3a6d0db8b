package dev.outreach.outreach;

import static dev.outreach.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.outreach.channel.email.SandboxMail;
import dev.outreach.channel.email.SandboxMailServer;
import dev.outreach.channel.ratelimit.ChannelRateLimits;
import dev.outreach.deliverability.MailboxService;
import dev.outreach.deliverability.SuppressionList;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.support.PostgresIntegrationTest;
import dev.outreach.support.ScriptedSmtpServer;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.TestPropertySource;

/**
 * A reply written in the console goes through the outbox like every message, on PostgreSQL and
 * the Redis counters: delivered LIVE to the lead's mail server (GreenMail) from the mailbox that
 * sent the thread, threaded under the lead's reply; left in doubt, never re-sent, when the
 * server hangs up after the final dot; into the sandbox in SANDBOX mode; held with the reason
 * while its mailbox is paused and sent when it resumes; refused, with nothing queued, when it
 * cannot be sent at all.
 */
@TestPropertySource(properties = {"outreach.dispatch.enabled=false", "outreach.dispatch.parallelism=1",
        "outreach.cadence.tick-enabled=false"})
class ConsoleReplyIntegrationTests extends PostgresIntegrationTest {

    private static final String THEIR_MESSAGE_ID = "<CAF+kq2Vx8=Lw@mail.gmail.com>";

    @Autowired
    ConsoleReplies replies;
    @Autowired
    OutboxDispatcher dispatcher;
    @Autowired
    OutreachService outreach;
    @Autowired
    LeadService leads;
    @Autowired
    SuppressionList suppressions;
    @Autowired
    MailboxService mailboxes;
    @Autowired
    ChannelRateLimits rateLimits;
    @Autowired
    SandboxMailServer sandbox;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StringRedisTemplate redis;

    /** A lead who got our email from the live-outbox mailbox and answered it. */
    record LeadThread(long leadId, String email, UUID ours, String ourMessageId, long replyId, long mailboxId) {
    }

    @BeforeEach
    void emptyOutboxAndCounters() {
        jdbc.sql("delete from email_reply").update();
        jdbc.sql("delete from outreach_attempt").update();
        jdbc.sql("delete from outreach_message").update();
        jdbc.sql("delete from suppression").update();
        jdbc.sql("update mailbox set active = true, paused_reason = null").update();
        redis.execute((org.springframework.data.redis.core.RedisCallback<Object>) connection -> {
            connection.serverCommands().flushDb();
            return null;
        });
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aReplyArrivesThreadedFromTheThreadsMailboxAndIsSentLikeAnyMessage() throws Exception {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        try {
            LiveOutbox.pointAt(jdbc, greenMail.getSmtp().getPort(), 100);
            // the per-lead cap spaces out touches we start; a conversation the lead started is not held by it
            jdbc.sql("update channel_config set max_per_lead = 0 where channel = 'EMAIL'").update();
            LeadThread thread = threadWith("Re: Spring tune-ups");
            assertThat(sentToday(thread.mailboxId())).isZero();

            QueuedReply queued = as("alice", () -> replies.queue(new ConsoleReplyDraft(thread.leadId(),
                    Optional.of(thread.replyId()), "Hi Pat,\n\nTuesday at 10 works. I'll send an invite.\n\nSam")));

            assertThat(queued.from()).isEqualTo(LiveOutbox.MAILBOX);
            assertThat(queued.subject()).isEqualTo("Re: Spring tune-ups");
            assertThat(queued.waits()).isEmpty();
            assertThat(SystemActor.call(dispatcher::dispatchBatch)).isEqualTo(1);

            assertThat(greenMail.getReceivedMessages()).hasSize(1);
            MimeMessage received = greenMail.getReceivedMessages()[0];
            assertThat(((InternetAddress) received.getFrom()[0]).getAddress()).isEqualTo(LiveOutbox.MAILBOX);
            assertThat(((InternetAddress) received.getAllRecipients()[0]).getAddress()).isEqualTo(thread.email());
            assertThat(received.getSubject()).isEqualTo("Re: Spring tune-ups");
            assertThat(received.getHeader("In-Reply-To")).containsExactly(THEIR_MESSAGE_ID);
            assertThat(MimeUtility.unfold(received.getHeader("References")[0]))
                    .isEqualTo(thread.ourMessageId() + " " + THEIR_MESSAGE_ID);
            assertThat(received.getMessageID()).isEqualTo("<" + queued.messageId() + "@live-outbox.test>");
            assertThat(received.isMimeType("text/plain")).as("a person's reply: text as written, no tracking").isTrue();
            assertThat(((String) received.getContent()).replace("\r\n", "\n").strip())
                    .isEqualTo("Hi Pat,\n\nTuesday at 10 works. I'll send an invite.\n\nSam");

            Map<String, Object> row = message(queued.messageId());
            assertThat(row).containsEntry("status", "SENT").containsEntry("channel_used", "EMAIL")
                    .containsEntry("message_type", "console_reply").containsEntry("mailbox_id", thread.mailboxId());
            assertThat(attempts(queued.messageId())).containsExactly("SENT");
            assertThat(sentToday(thread.mailboxId())).as("counted against the mailbox's daily cap").isEqualTo(1);
            assertThat(as("alice", () -> outreach.outreachHistory(thread.leadId(), 10)))
                    .extracting(history -> history.message().id()).contains(queued.messageId(), thread.ours());
            assertThat(jdbc.sql("select actor from audit_log where action = 'outreach.console-reply' and entity_id = ?")
                    .param(queued.messageId().toString()).query(String.class).list()).containsExactly("alice");
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void aReplyWhoseSendIsCutOffAfterTheFinalDotIsInDoubtAndNeverSentAgain() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer().hangUpAfterData()) {
            LiveOutbox.pointAt(jdbc, smtp.port(), 100);
            LeadThread thread = threadWith("Spring tune-ups");
            QueuedReply queued = as("alice", () -> replies.queue(new ConsoleReplyDraft(thread.leadId(),
                    Optional.of(thread.replyId()), "Thanks, Pat: see you Tuesday.")));

            assertThat(SystemActor.call(dispatcher::dispatchBatch)).isEqualTo(1);

            assertThat(smtp.acceptedMessages()).hasSize(1);
            Map<String, Object> row = message(queued.messageId());
            assertThat(row).containsEntry("status", "SENDING").containsEntry("needs_review", true);
            assertThat((String) row.get("status_reason"))
                    .startsWith("Email: connection lost after the message was sent; the server may have it");
            assertThat(as("alice", outreach::reviewCount)).isEqualTo(1);

            jdbc.sql("update outreach_message set due_at = current_timestamp - interval '1 second'").update();
            assertThat(SystemActor.call(dispatcher::dispatchBatch)).isZero();
            assertThat(dispatcher.flagInterruptedSends()).isZero();
            assertThat(smtp.acceptedMessages()).as("never sent twice").hasSize(1);
            assertThat(attempts(queued.messageId())).containsExactly("SENDING");
        }
    }

    @Test
    void inSandboxModeTheReplyLandsInTheSandboxOutboxThreaded() throws Exception {
        try (ScriptedSmtpServer unused = new ScriptedSmtpServer()) {
            LiveOutbox.pointAt(jdbc, unused.port(), 100);
            jdbc.sql("update sales_engine_config set delivery_mode = 'SANDBOX'").update();
            as("adam", "ROLE_ADMIN", () -> {
                sandbox.clear();
                return null;
            });
            LeadThread thread = threadWith("Spring tune-ups");
            QueuedReply queued = as("alice", () -> replies.queue(new ConsoleReplyDraft(thread.leadId(), Optional.empty(),
                    "Hi Pat, happy to help.")));

            assertThat(SystemActor.call(dispatcher::dispatchBatch)).isEqualTo(1);

            assertThat(unused.acceptedMessages()).as("nothing reaches the real server").isEmpty();
            List<SandboxMail> mails = as("adam", "ROLE_ADMIN", () -> sandbox.messages(10));
            assertThat(mails).hasSize(1);
            assertThat(mails.getFirst().subject()).isEqualTo("Re: Spring tune-ups");
            assertThat(mails.getFirst().from()).contains(LiveOutbox.MAILBOX);
            assertThat(mails.getFirst().to()).contains(thread.email());
            assertThat(mails.getFirst().textBody().strip()).isEqualTo("Hi Pat, happy to help.");
            assertThat(mails.getFirst().headers()).contains("In-Reply-To: " + THEIR_MESSAGE_ID);
            assertThat(message(queued.messageId())).containsEntry("status", "SENT");
        } finally {
            jdbc.sql("update sales_engine_config set delivery_mode = 'LIVE'").update();
        }
    }

    @Test
    void aReplyWaitsSayingWhyWhileItsMailboxIsPausedAndGoesWhenItResumes() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()) {
            LiveOutbox.pointAt(jdbc, smtp.port(), 100);
            LeadThread thread = threadWith("Spring tune-ups");
            jdbc.sql("update mailbox set active = false, paused_reason = 'too many bounces' where id = ?")
                    .param(thread.mailboxId()).update();

            QueuedReply queued = as("alice", () -> replies.queue(new ConsoleReplyDraft(thread.leadId(),
                    Optional.of(thread.replyId()), "Hi Pat, Tuesday works.")));
            assertThat(queued.waits()).contains("It waits until " + LiveOutbox.MAILBOX
                    + " may send again: mailbox is paused: too many bounces");

            assertThat(SystemActor.call(dispatcher::dispatchBatch)).isEqualTo(1);
            assertThat(smtp.acceptedMessages()).as("a paused mailbox sends nothing, and no other sends the reply").isEmpty();
            assertThat(message(queued.messageId())).containsEntry("status", "PENDING").containsEntry("status_reason",
                    "No healthy mailbox to send from: this reply goes only from " + LiveOutbox.MAILBOX
                            + " (mailbox is paused: too many bounces)");

            as("adam", "ROLE_ADMIN", () -> mailboxes.resume(thread.mailboxId(), "bounces explained"));
            eventually(() -> {
                SystemActor.call(dispatcher::dispatchBatch);
                assertThat(message(queued.messageId())).containsEntry("status", "SENT");
            });
            assertThat(smtp.acceptedMessages()).hasSize(1);
        }
    }

    @Test
    void aReplyThatCannotBeSentIsRefusedNamingTheFieldAndNothingIsQueued() throws Exception {
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer()) {
            LiveOutbox.pointAt(jdbc, smtp.port(), 100);
            LeadThread thread = threadWith("Spring tune-ups");
            LeadThread other = threadWith("Boiler check");
            long noThread = SystemActor.call(() -> leads.create(lead("never-emailed")));
            suppressions.suppressAddress(other.email(), "Unsubscribed by link", Instant.now());
            int auditedBefore = jdbc.sql("select count(*) from audit_log where action = 'outreach.console-reply'")
                    .query(Integer.class).single();

            assertRefused(new ConsoleReplyDraft(thread.leadId(), Optional.of(thread.replyId()), " \n\t "), "body",
                    "Write the reply");
            assertRefused(new ConsoleReplyDraft(other.leadId(), Optional.of(other.replyId()), "Hi"), "lead",
                    "The address is suppressed (Unsubscribed by link): no reply is sent");
            assertRefused(new ConsoleReplyDraft(noThread, Optional.empty(), "Hi"), "lead",
                    "There is no email thread to reply to: nothing was emailed to this lead and it wrote nothing");
            assertRefused(new ConsoleReplyDraft(thread.leadId(), Optional.of(other.replyId()), "Hi"), "replyId",
                    "This lead has no reply with id " + other.replyId());

            assertThat(jdbc.sql("select count(*) from outreach_message where message_type = 'console_reply'")
                    .query(Integer.class).single()).isZero();
            assertThat(jdbc.sql("select count(*) from audit_log where action = 'outreach.console-reply'")
                    .query(Integer.class).single()).isEqualTo(auditedBefore);
        }
    }

    private void assertRefused(ConsoleReplyDraft draft, String field, String message) {
        assertThatThrownBy(() -> as("alice", () -> replies.queue(draft))).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).errors())
                        .containsExactly(new FieldError(field, message)));
    }

    /** Our email from the live-outbox mailbox, and the lead's reply to it as the IMAP poller records it. */
    private LeadThread threadWith(String theirSubject) {
        String token = Long.toString(System.nanoTime(), 36);
        LeadDraft draft = lead(token);
        long leadId = SystemActor.call(() -> leads.create(draft));
        long mailboxId = jdbc.sql("select id from mailbox where address = ?").param(LiveOutbox.MAILBOX)
                .query(Long.class).single();
        UUID ours = UUID.randomUUID();
        String ourMessageId = "<" + ours + "@live-outbox.test>";
        Timestamp sent = Timestamp.from(Instant.now().minusSeconds(3600));
        jdbc.sql("""
                insert into outreach_message (id, lead_id, touch, message_type, subject, body, status, channel_used,
                    mailbox_id, provider_message_id, due_at, sent_at, created_at, updated_at, step_index, first_channel)
                values (?, ?, 0, 'cold_outreach', 'Spring tune-ups', 'Hi Pat', 'SENT', 'EMAIL', ?, ?, ?, ?, ?, ?, 0, 'EMAIL')
                """).params(ours, leadId, mailboxId, ourMessageId, sent, sent, sent, sent).update();
        String theirId = theirSubject.startsWith("Boiler") ? "<other-" + token + "@mail.example>" : THEIR_MESSAGE_ID;
        jdbc.sql("""
                insert into email_reply (message_id, lead_id, mailbox_id, header_message_id, from_address, subject, excerpt,
                    received_at, kind)
                values (?, ?, ?, ?, ?, ?, 'Sounds good, can we talk Tuesday?', current_timestamp, 'REPLY')
                """).params(ours, leadId, mailboxId, theirId, draft.getEmail(), theirSubject).update();
        jdbc.sql("update lead set status = 'REPLIED' where id = ?").param(leadId).update();
        long replyId = jdbc.sql("select id from email_reply where header_message_id = ?").param(theirId)
                .query(Long.class).single();
        return new LeadThread(leadId, draft.getEmail(), ours, ourMessageId, replyId, mailboxId);
    }

    private static LeadDraft lead(String token) {
        LeadDraft lead = new LeadDraft();
        lead.setFirstName("Pat");
        lead.setLastName("Lee");
        lead.setCompany("Lee Heating " + token);
        lead.setEmail("pat-" + token + "@lee-heating.com");
        return lead;
    }

    private int sentToday(long mailboxId) {
        return rateLimits.mailboxSendsToday(List.of(mailboxId)).get(mailboxId);
    }

    private Map<String, Object> message(UUID id) {
        return jdbc.sql("""
                select status, needs_review, status_reason, channel_used, message_type, mailbox_id
                from outreach_message where id = ?
                """).param(id).query().singleRow();
    }

    private List<String> attempts(UUID id) {
        return jdbc.sql("select status from outreach_attempt where message_id = ? order by attempted_at, id").param(id)
                .query(String.class).list();
    }

    private static <T> T as(String user, Callable<T> action) throws Exception {
        return as(user, "ROLE_OPERATOR", action);
    }

    private static <T> T as(String user, String role, Callable<T> action) throws Exception {
        List<SimpleGrantedAuthority> authorities = List.of(new SimpleGrantedAuthority(role));
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                new org.springframework.security.core.userdetails.User(user, "unused", authorities), null, authorities));
        try {
            return action.call();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
