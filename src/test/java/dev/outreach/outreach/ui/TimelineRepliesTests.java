package dev.outreach.outreach.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.lead.ui.LeadDetailView;
import dev.outreach.outreach.OutreachService;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import dev.outreach.support.KaribuTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;

/** A reply read over IMAP shows in the lead's timeline, as text; an operator clears the email flag there. */
class TimelineRepliesTests extends KaribuTest {

    @Autowired
    LeadService leads;
    @Autowired
    OutreachService outreach;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anOperatorSeesWhoRepliedWhenWithWhatSubjectAndTheReplyText() {
        String token = Long.toString(System.nanoTime(), 36);
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("Rosa");
        draft.setCompany("Rosa Roofing " + token);
        draft.setEmail("rosa-" + token + "@rosa-roofing.com");
        long leadId = SystemActor.call(() -> leads.create(draft));
        UUID messageId = SystemActor.call(() -> outreach.sendOutreachMessage(leadId, "Roofs " + token, "Hi Rosa")).messageId();
        // what the IMAP poller stores (see ImapRepliesIntegrationTests for the whole path)
        jdbc.sql("""
                insert into email_reply (message_id, lead_id, header_message_id, from_address, subject, excerpt, received_at)
                values (:message, :lead, :header, :from, :subject, :excerpt, :at)
                """).param("message", messageId).param("lead", leadId).param("header", "<r-" + token + "@rosa-roofing.com>")
                .param("from", "rosa-" + token + "@rosa-roofing.com").param("subject", "Re: Roofs " + token)
                .param("excerpt", "Call me <b>Friday</b>.\nRosa").param("at", Timestamp.from(Instant.now())).update();

        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(LeadDetailView.class, leadId);

        assertThat(_get(LeadDetailView.class).getElement().getTextRecursively()).contains("Replies");
        assertThat(_find(Paragraph.class, spec -> spec.withClasses("reply-heading"))).singleElement()
                .satisfies(p -> assertThat(p.getText()).contains("from rosa-" + token + "@rosa-roofing.com · Re: Roofs " + token));
        assertThat(_find(Paragraph.class, spec -> spec.withClasses("reply-excerpt"))).singleElement()
                .satisfies(p -> assertThat(p.getText()).isEqualTo("Call me <b>Friday</b>.\nRosa"));
    }

    @Test
    void automaticAnswersShowWhatWasDoneAndAChallengeFlagsTheEmailChannel() {
        String token = Long.toString(System.nanoTime(), 36);
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("Otto");
        draft.setEmail("otto-" + token + "@otto-hvac.com");
        long leadId = SystemActor.call(() -> leads.create(draft));
        UUID messageId = SystemActor.call(() -> outreach.sendOutreachMessage(leadId, "HVAC " + token, "Hi Otto")).messageId();
        // what the IMAP poller stores for an out-of-office and a challenge (see InboundCorpusIntegrationTests)
        jdbc.sql("""
                insert into email_reply (message_id, lead_id, header_message_id, from_address, subject, excerpt, received_at,
                    kind, note)
                values (:message, :lead, :header, :from, 'Abwesenheitsnotiz', 'Bis 20.03.2026 nicht im Büro.', :at,
                    'AUTO_REPLY', 'Out of office until 2026-03-20; enrollment paused until 2026-03-21')
                """).param("message", messageId).param("lead", leadId).param("header", "<ooo-" + token + "@otto-hvac.com>")
                .param("from", "otto-" + token + "@otto-hvac.com").param("at", Timestamp.from(Instant.now())).update();
        SystemActor.call(() -> leads.flagEmailChannel(leadId, "Challenge-response: verify at https://verify.example/x",
                Instant.now()));

        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(LeadDetailView.class, leadId);

        assertThat(_find(Paragraph.class, spec -> spec.withClasses("reply-heading"))).singleElement()
                .satisfies(p -> assertThat(p.getText()).startsWith("Automatic reply · "));
        assertThat(_find(Paragraph.class, spec -> spec.withClasses("reply-note"))).singleElement()
                .satisfies(p -> assertThat(p.getText()).contains("enrollment paused until 2026-03-21"));
        assertThat(_find(Paragraph.class, spec -> spec.withClasses("email-flag"))).singleElement()
                .satisfies(p -> assertThat(p.getText())
                        .isEqualTo("Email channel needs an operator: Challenge-response: verify at https://verify.example/x"));
    }

    @Test
    void anOperatorClearsTheEmailFlagAndTheTimelineSaysWhoDidWhenAndWhatItSaid() {
        String token = Long.toString(System.nanoTime(), 36);
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("Vera");
        draft.setEmail("vera-" + token + "@vera-verify.com");
        long leadId = SystemActor.call(() -> leads.create(draft));
        String reason = "Challenge-response (Boxbe): verify at https://verify.example/" + token;
        SystemActor.call(() -> leads.flagEmailChannel(leadId, reason, Instant.now()));

        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(LeadDetailView.class, leadId);
        _click(_get(Button.class, spec -> spec.withClasses("clear-email-flag")));

        assertThat(_find(Paragraph.class, spec -> spec.withClasses("email-flag"))).as("the warning is gone").isEmpty();
        assertThat(_find(Button.class, spec -> spec.withClasses("clear-email-flag"))).isEmpty();
        assertThat(_find(Paragraph.class, spec -> spec.withClasses("email-flag-cleared"))).singleElement()
                .satisfies(p -> assertThat(p.getText()).contains("Flag cleared by olivia · " + reason));
        assertThat(_find(Paragraph.class, spec -> spec.withClasses("email-flag-raised"))).singleElement()
                .satisfies(p -> assertThat(p.getText()).contains("Flagged by system · " + reason));
        assertThat(jdbc.sql("select email_flag from lead where id = ?").param(leadId).query(String.class).optional())
                .isEmpty();
        assertThat(jdbc.sql("""
                select actor || ' ' || before_value from audit_log
                where action = 'lead.email-flag-clear' and entity_type = 'lead' and entity_id = ?
                """).param(String.valueOf(leadId)).query(String.class).list()).containsExactly("olivia " + reason);
        assertThat(leads.clearEmailChannelFlag(leadId)).as("nothing left to clear").isFalse();
    }

    @Test
    void clearingTheEmailFlagNeedsASignedInOperator() {
        String token = Long.toString(System.nanoTime(), 36);
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("Nina");
        draft.setEmail("nina-" + token + "@nina-verify.com");
        long leadId = SystemActor.call(() -> leads.create(draft));
        SystemActor.call(() -> leads.flagEmailChannel(leadId, "Challenge-response", Instant.now()));

        assertThatThrownBy(() -> leads.clearEmailChannelFlag(leadId)).isInstanceOfAny(AccessDeniedException.class,
                AuthenticationCredentialsNotFoundException.class);
        assertThat(jdbc.sql("select email_flag from lead where id = ?").param(leadId).query(String.class).single())
                .isEqualTo("Challenge-response");
    }
}
