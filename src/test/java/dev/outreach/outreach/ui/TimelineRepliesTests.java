package dev.outreach.outreach.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
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

/** A reply read over IMAP shows in the lead's timeline, as text. */
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
}
