package dev.outreach.outreach.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import dev.outreach.channel.ChannelConfigService;
import dev.outreach.channel.ChannelSettings;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.outreach.OutreachAttempt;
import dev.outreach.outreach.OutreachMessage;
import dev.outreach.outreach.OutreachService;
import dev.outreach.outreach.SequenceResult;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.MessageStatus;
import dev.outreach.support.KaribuTest;
import dev.outreach.support.Notifications;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Contact-form attempts in the outreach history: what went out, "unconfirmed", and the site's opt-out. */
class ContactFormAttemptsViewTests extends KaribuTest {

    @Autowired
    LeadService leads;
    @Autowired
    OutreachService outreach;
    @Autowired
    JdbcClient jdbc;

    @Autowired
    ChannelConfigService channels;

    private ChannelSettings original;

    @AfterEach
    void emptyTheListAndRestoreTheChannel() {
        jdbc.sql("delete from contact_form_opt_out").update();
        if (original != null) {
            SystemActor.call(() -> channels.update(original));
        }
    }

    @Test
    void anOperatorOptsTheSiteOutFromItsAttemptAndTheNextTouchSkipsIt() {
        String token = Long.toString(System.nanoTime(), 36);
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("Sal");
        draft.setCompany("Stop Please Roofing " + token);
        draft.setWebsite("https://www.stop-please-" + token + ".example/contact");
        long lead = SystemActor.call(() -> leads.create(draft));
        original = SystemActor.call(() -> channels.get(ChannelType.CONTACT_FORM));
        // room for a second touch of the same lead (the channel allows one per lead by default)
        SystemActor.call(() -> channels.update(new ChannelSettings(ChannelType.CONTACT_FORM, true, 1000, 1000, 1000,
                original.maxRetries(), original.retryBackoffHours(), original.templates(), original.settings(), null,
                null)));
        SequenceResult sent = SystemActor.call(() -> outreach.sendOutreachMessage(lead, "Roofs", "Hi Sal"));
        assertThat(sent.channelUsed()).isEqualTo(ChannelType.CONTACT_FORM);
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(OutreachHistoryView.class);
        OutreachHistoryView view = _get(OutreachHistoryView.class);
        OutreachMessage message = SystemActor.call(() -> outreach.outreachHistory(lead, 1)).getFirst().message();

        Component details = view.details(message);
        _click(_get(details, Button.class, spec -> spec.withText("Site asked to stop: opt it out")));

        assertThat(Notifications.texts()).contains("stop-please-" + token + ".example will not be contacted through its form again");
        assertThat(jdbc.sql("select added_by from contact_form_opt_out where domain = :d")
                .param("d", "stop-please-" + token + ".example").query(String.class).single()).isEqualTo("olivia");
        SequenceResult next = SystemActor.call(() -> outreach.sendOutreachMessage(lead, "Roofs again", "Hi Sal"));
        OutreachAttempt form = SystemActor.call(() -> outreach.attempts(next.messageId())).stream()
                .filter(a -> a.channel() == ChannelType.CONTACT_FORM).findFirst().orElseThrow();
        assertThat(form.status()).isEqualTo(MessageStatus.SKIPPED);
        assertThat(form.error()).startsWith("the site stop-please-" + token + ".example opted out of contact forms on ");
    }

    @Test
    void anUnconfirmedAttemptSaysSoAndShowsTheFieldsThatWentOut() {
        OutreachAttempt attempt = new OutreachAttempt(1, UUID.randomUUID(), ChannelType.CONTACT_FORM, 1,
                MessageStatus.SENT, null, Instant.parse("2026-03-02T10:15:30Z"), null,
                "unconfirmed: no confirmation or error in the answer (HTTP 200)\nPOST https://acme.example/send (HTTP 200)\n"
                        + "your-name=Jane Doe", true);

        AttemptList list = new AttemptList(java.util.List.of(attempt));

        assertThat(AttemptList.line(attempt)).contains("Contact form try 1 · SENT (unconfirmed: the site showed no confirmation)");
        assertThat(list.getElement().getTextRecursively()).contains("your-name=Jane Doe");
    }
}
