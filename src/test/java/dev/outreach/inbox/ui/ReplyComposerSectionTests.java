package dev.outreach.inbox.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import dev.outreach.content.MessageTemplate;
import dev.outreach.content.ReplySnippets;
import dev.outreach.deliverability.SuppressionList;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import dev.outreach.support.KaribuTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reply composer under an open inbox thread, on its own, against the real services (H2, the
 * context every Karibu test shares: what a test adds, it removes).
 */
class ReplyComposerSectionTests extends KaribuTest {

    private static final String MAILBOX = "sam@composer.test";

    @Autowired
    ReplyComposerSection section;
    @Autowired
    ReplySnippets snippets;
    @Autowired
    LeadService leads;
    @Autowired
    SuppressionList suppressions;
    @Autowired
    JdbcClient jdbc;

    private final AtomicInteger threadChanges = new AtomicInteger();
    private InboxThread thread;
    private long leadId;

    @AfterEach
    void removeTheThreadAndTheMailbox() {
        jdbc.sql("delete from email_reply where lead_id = ?").param(leadId).update();
        jdbc.sql("delete from outreach_attempt where message_id in (select id from outreach_message where lead_id = ?)")
                .param(leadId).update();
        jdbc.sql("delete from outreach_message where lead_id = ?").param(leadId).update();
        jdbc.sql("delete from suppression where entry like 'pat-%@lee-heating.com'").update();
        jdbc.sql("delete from lead where id = ?").param(leadId).update();
        jdbc.sql("delete from mailbox where address = ?").param(MAILBOX).update();
        jdbc.sql("delete from sending_domain where domain = 'composer.test'").update();
    }

    /**
     * The thread's mailbox is paused: no other message of the shared context is sent from it, and
     * the dispatcher running in this context leaves the reply in the outbox to be looked at.
     */
    @BeforeEach
    void aLeadWhoAnsweredOurEmail() {
        Timestamp now = Timestamp.from(Instant.now());
        if (jdbc.sql("select count(*) from mailbox where address = ?").param(MAILBOX).query(Integer.class).single() == 0) {
            jdbc.sql("insert into sending_domain (domain, daily_cap, created_at, updated_at) values ('composer.test', 1000, ?, ?)")
                    .params(now, now).update();
            jdbc.sql("""
                    insert into mailbox (address, display_name, domain_id, smtp_host, smtp_port, smtp_security, daily_cap,
                                         active, paused_reason, created_at, updated_at)
                    select ?, 'Sam Sender', id, '127.0.0.1', 2525, 'NONE', 1000, false, 'Warming down', ?, ?
                    from sending_domain
                    where domain = 'composer.test'
                    """).params(MAILBOX, now, now).update();
        }
        long mailboxId = jdbc.sql("select id from mailbox where address = ?").param(MAILBOX).query(Long.class).single();
        String token = Long.toString(System.nanoTime(), 36);
        LeadDraft lead = new LeadDraft();
        lead.setFirstName("Pat");
        lead.setLastName("Lee");
        lead.setCompany("Lee Heating");
        lead.setEmail("pat-" + token + "@lee-heating.com");
        leadId = SystemActor.call(() -> leads.create(lead));
        UUID ours = UUID.randomUUID();
        jdbc.sql("""
                insert into outreach_message (id, lead_id, touch, message_type, subject, body, status, channel_used,
                    mailbox_id, provider_message_id, due_at, sent_at, created_at, updated_at, step_index, first_channel)
                values (?, ?, 0, 'cold_outreach', 'Spring tune-ups', 'Hi Pat', 'SENT', 'EMAIL', ?, ?, ?, ?, ?, ?, 0, 'EMAIL')
                """).params(ours, leadId, mailboxId, "<" + ours + "@composer.test>", now, now, now, now).update();
        jdbc.sql("""
                insert into email_reply (message_id, lead_id, mailbox_id, header_message_id, from_address, subject, excerpt,
                    received_at, kind)
                values (?, ?, ?, ?, ?, 'RE: Spring tune-ups', 'Sounds good', ?, 'REPLY')
                """).params(ours, leadId, mailboxId, "<reply-" + token + "@mail.example>", lead.getEmail(), now).update();
        long replyId = jdbc.sql("select id from email_reply where lead_id = ?").param(leadId).query(Long.class).single();
        thread = new InboxThread(replyId, leadId, Optional.of(mailboxId), Optional.empty());
    }

    @Test
    void anOperatorStartsFromASnippetSendsTheReplyAndSeesWhereItGoesOutFromAndWhyItWaits() {
        login("olivia", Role.OPERATOR);
        UI.getCurrent().add(section.create(thread, threadChanges::incrementAndGet));
        MessageTemplate meeting = snippets.list().stream().filter(s -> s.name().equals("email-reply-meeting")).findFirst()
                .orElseThrow();

        _setValue(snippetPicker(), meeting);
        assertThat(body().getValue()).startsWith("Hi Pat,\n\nThanks for getting back to me.");
        _setValue(body(), "Hi Pat,\n\nTuesday at 10 works.\n\nSam");
        _click(_get(Button.class, spec -> spec.withText("Send reply")));

        assertThat(status().getText()).isEqualTo("Queued: \"Re: Spring tune-ups\" goes out from " + MAILBOX
                + ". It waits until " + MAILBOX + " may send again: mailbox is paused: Warming down");
        assertThat(threadChanges).hasValue(1);
        assertThat(body().getValue()).isEmpty();
        assertThat(jdbc.sql("select subject, body, status from outreach_message where lead_id = ? and message_type = 'console_reply'")
                .param(leadId).query().listOfRows()).containsExactly(Map.of("subject", "Re: Spring tune-ups",
                        "body", "Hi Pat,\n\nTuesday at 10 works.\n\nSam", "status", "PENDING"));
        assertThat(_get(com.vaadin.flow.component.html.Div.class, spec -> spec.withClasses("reply-composer-earlier"))
                .getElement().getTextRecursively()).contains("Re: Spring tune-ups (waiting");
    }

    @Test
    void anEmptyReplyIsRefusedOnTheTextAreaAndNothingIsQueued() {
        login("olivia", Role.OPERATOR);
        UI.getCurrent().add(section.create(thread, threadChanges::incrementAndGet));

        _setValue(body(), "   ");
        _click(_get(Button.class, spec -> spec.withText("Send reply")));

        assertThat(body().isInvalid()).isTrue();
        assertThat(body().getErrorMessage()).isEqualTo("Write the reply");
        assertThat(threadChanges).hasValue(0);
        assertThat(consoleReplies()).isZero();
    }

    @Test
    void aReplyToASuppressedAddressIsRefusedWithTheReason() {
        String email = jdbc.sql("select email from lead where id = ?").param(leadId).query(String.class).single();
        suppressions.suppressAddress(email, "Unsubscribed by link", Instant.now());
        login("olivia", Role.OPERATOR);
        UI.getCurrent().add(section.create(thread, threadChanges::incrementAndGet));

        _setValue(body(), "Hi Pat");
        _click(_get(Button.class, spec -> spec.withText("Send reply")));

        assertThat(_get(Span.class, spec -> spec.withClasses("reply-composer-error")).getText())
                .isEqualTo("The address is suppressed (Unsubscribed by link): no reply is sent");
        assertThat(status().getText()).isEmpty();
        assertThat(consoleReplies()).isZero();
    }

    @SuppressWarnings("unchecked")
    private ComboBox<MessageTemplate> snippetPicker() {
        return _get(ComboBox.class, spec -> spec.withLabel("Start from a snippet"));
    }

    private TextArea body() {
        return _get(TextArea.class, spec -> spec.withLabel("Your reply"));
    }

    private Span status() {
        return _get(Span.class, spec -> spec.withClasses("reply-composer-status"));
    }

    private int consoleReplies() {
        return jdbc.sql("select count(*) from outreach_message where lead_id = ? and message_type = 'console_reply'")
                .param(leadId).query(Integer.class).single();
    }
}
