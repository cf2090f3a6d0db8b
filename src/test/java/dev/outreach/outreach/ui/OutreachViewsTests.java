package dev.outreach.outreach.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.outreach.channel.email.SandboxMailServer;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.lead.ui.LeadDetailView;
import dev.outreach.outreach.OutreachMessage;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.MessageStatus;
import dev.outreach.support.KaribuTest;
import dev.outreach.support.Notifications;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class OutreachViewsTests extends KaribuTest {

    @Autowired
    LeadService leads;
    @Autowired
    SandboxMailServer sandbox;
    @Autowired
    dev.outreach.outreach.OutreachService outreach;

    private long leadId;
    private final String token = Long.toString(System.nanoTime(), 36);

    @BeforeEach
    void aLead() {
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("Vera");
        draft.setLastName("Lind");
        draft.setCompany("Lind Electric " + token);
        draft.setEmail("vera-" + token + "@lind-electric.com");
        leadId = SystemActor.call(() -> leads.create(draft));
    }

    @Test
    void anOperatorSendsOutreachFromTheLeadAndSeesItInTheTimelineAndTheSandbox() {
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(LeadDetailView.class, leadId);

        _click(_get(Button.class, spec -> spec.withText("Send outreach")));
        _setValue(_get(TextField.class, spec -> spec.withLabel("Subject")), "Spring tune-ups " + token);
        _setValue(_get(TextArea.class, spec -> spec.withLabel("Message")), "Hi Vera, quick question.");
        _click(_get(Button.class, spec -> spec.withText("Send now")));

        assertThat(Notifications.texts()).contains("Sent via Email after 1 attempt");
        assertThat(_find(H4.class)).anyMatch(h -> h.getText().endsWith("Spring tune-ups " + token));
        assertThat(_get(LeadDetailView.class).getElement().getTextRecursively())
                .as("the lead's own fields show the outreach too").contains("StatusContacted").doesNotContain("Last outreachnever");
        assertThat(SystemActor.call(() -> sandbox.messages(100))).anyMatch(mail -> mail.subject().equals("Spring tune-ups " + token)
                && mail.to().contains("vera-" + token + "@lind-electric.com"));
    }

    @Test
    void aMissingSubjectIsRefusedOnTheFieldAndNothingIsSent() {
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(LeadDetailView.class, leadId);

        _click(_get(Button.class, spec -> spec.withText("Send outreach")));
        _setValue(_get(TextArea.class, spec -> spec.withLabel("Message")), "No subject here");
        _click(_get(Button.class, spec -> spec.withText("Send now")));

        TextField subject = _get(TextField.class, spec -> spec.withLabel("Subject"));
        assertThat(subject.isInvalid()).isTrue();
        assertThat(subject.getErrorMessage()).isEqualTo("Give a subject of 1 to 300 characters");
        assertThat(_find(H4.class)).isEmpty();
    }

    @Test
    void theHistoryViewListsMessagesAndShowsTheirAttempts() {
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(LeadDetailView.class, leadId);
        _click(_get(Button.class, spec -> spec.withText("Send outreach")));
        _setValue(_get(TextField.class, spec -> spec.withLabel("Subject")), "History " + token);
        _setValue(_get(TextArea.class, spec -> spec.withLabel("Message")), "Hello");
        _click(_get(Button.class, spec -> spec.withText("Send now")));

        UI.getCurrent().navigate(OutreachHistoryView.class);
        OutreachHistoryView view = _get(OutreachHistoryView.class);
        _setValue(view.channel, ChannelType.EMAIL);

        OutreachMessage first = GridKt._get(view.grid, 0).message();
        assertThat(first.subject()).isEqualTo("History " + token);
        assertThat(first.status()).isEqualTo(MessageStatus.SENT);
        var attempts = view.details(first).getElement().getTextRecursively();
        assertThat(attempts).contains("Email try 1 · SENT");
        _setValue(view.channel, ChannelType.PHONE);
        assertThat(GridKt._size(view.grid)).isZero();
    }

    @Test
    void theHistoryNamesTheLeadAndCompanyAsTextNotAnId() {
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("Noa <b>Bold</b>");
        draft.setLastName("Berg");
        draft.setCompany("<img src=x onerror=alert(1)> Berg Heating " + token);
        draft.setEmail("noa-" + token + "@berg-heating.com");
        long htmlLead = SystemActor.call(() -> leads.create(draft));
        SystemActor.call(() -> outreach.sendOutreachMessage(htmlLead, "Who " + token, "Hello"));
        login("olivia", Role.OPERATOR);

        UI.getCurrent().navigate(OutreachHistoryView.class);
        OutreachHistoryView view = _get(OutreachHistoryView.class);

        assertThat(GridKt._get(view.grid, 0).message().subject()).isEqualTo("Who " + token);
        assertThat(GridKt._getFormatted(view.grid, 0, "lead")).isEqualTo("Noa <b>Bold</b> Berg");
        assertThat(GridKt._getFormatted(view.grid, 0, "company")).isEqualTo("<img src=x onerror=alert(1)> Berg Heating " + token);
    }
}
