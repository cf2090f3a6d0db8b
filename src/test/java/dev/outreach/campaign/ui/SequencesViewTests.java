package dev.outreach.campaign.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.ComboBoxKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.select.Select;
import dev.outreach.campaign.SequenceConfig;
import dev.outreach.campaign.SequenceService;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.ui.SendTestDialog;
import dev.outreach.support.KaribuTest;
import dev.outreach.support.Notifications;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

class SequencesViewTests extends KaribuTest {

    @Autowired
    SequenceService sequences;
    @Autowired
    dev.outreach.channel.email.SandboxMailServer sandbox;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void adminCreatesASequenceAndReordersItsSteps() {
        login("ada", Role.ADMIN);
        UI.getCurrent().navigate(SequencesView.class);
        SequencesView view = _get(SequencesView.class);
        String name = "LinkedIn first " + System.nanoTime();

        _click(view.create);
        SequenceEditor editor = _get(SequenceEditor.class);
        _setValue(editor.name, name);
        _click(editor.addStep);
        editor.rows().get(1).channel = ChannelType.LINKEDIN;
        editor.rows().get(1).template = "linkedin-dm";
        editor.move(editor.rows().get(1), -1);
        _click(editor.save);

        SequenceConfig saved = SystemActor.call(sequences::findAll).stream().filter(p -> p.name().equals(name))
                .findFirst().orElseThrow();
        assertThat(saved.steps()).extracting(SequenceConfig.Step::order, SequenceConfig.Step::channel)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, ChannelType.LINKEDIN),
                        org.assertj.core.groups.Tuple.tuple(2, ChannelType.EMAIL));
    }

    @Test
    void aChannelTwiceIsRefusedNamingTheStepAndNothingChanges() {
        SequenceConfig before = SystemActor.call(sequences::defaultSequence);
        login("ada", Role.ADMIN);
        UI.getCurrent().navigate(SequencesView.class);
        SequenceEditor editor = _get(SequenceEditor.class);

        editor.rows().get(2).channel = ChannelType.EMAIL;
        _click(editor.save);

        assertThat(editor.errors.getText()).isEqualTo("Step 3: Email is already an earlier step");
        assertThat(SystemActor.call(sequences::defaultSequence)).isEqualTo(before);
    }

    @Test
    void aStepsTemplateIsPickedFromItsChannelsTemplates() {
        login("ada", Role.ADMIN);
        UI.getCurrent().navigate(SequencesView.class);
        SequenceEditor editor = _get(SequenceEditor.class);

        ComboBox<String> linkedIn = templateCell(editor, 1);
        assertThat(linkedIn.getValue()).isEqualTo("linkedin-connect");
        assertThat(ComboBoxKt.getSuggestions(linkedIn)).containsExactly("linkedin-connect", "linkedin-dm");

        @SuppressWarnings("unchecked")
        Select<ChannelType> channel = (Select<ChannelType>) GridKt._getCellComponent(editor.steps, 1, "channel");
        _setValue(channel, ChannelType.PHONE);

        ComboBox<String> phone = templateCell(editor, 1);
        assertThat(ComboBoxKt.getSuggestions(phone)).containsExactly("phone-call");
        assertThat(phone.getValue()).as("a LinkedIn template does not stay on a phone step").isNull();
    }

    @Test
    void aTemplateNameTheChannelDoesNotHaveIsRefusedNamingTheStepAndNothingChanges() {
        SequenceConfig before = SystemActor.call(sequences::defaultSequence);
        login("ada", Role.ADMIN);
        UI.getCurrent().navigate(SequencesView.class);
        SequenceEditor editor = _get(SequenceEditor.class);

        editor.rows().get(1).template = "linkdin-connect";
        _click(editor.save);

        assertThat(editor.errors.getText()).isEqualTo("Step 2: the message template 'linkdin-connect' is not one of the"
                + " LinkedIn templates (choose one of: linkedin-connect, linkedin-dm)");
        assertThat(SystemActor.call(sequences::defaultSequence)).isEqualTo(before);
        List<SequenceConfig.Step> emailTemplateOnForm = List.of(new SequenceConfig.Step(1, ChannelType.CONTACT_FORM, "email-initial", 1, 24));
        assertThatThrownBy(() -> SystemActor.call(() -> sequences.save(null, "Typo " + System.nanoTime(), emailTemplateOnForm)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Step 1: the message template 'email-initial' is not one of the Contact form templates");
    }

    @Test
    void aStepsTemplateIsSentToMeAsATestForASampleLeadAndIsNotOutreach() {
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(SequencesView.class);
        SequenceEditor editor = _get(SequenceEditor.class);
        int outreachBefore = outreachMessages();
        String me = "olivia-" + System.nanoTime() + "@example.com";

        _click((Button) GridKt._getCellComponent(editor.steps, 0, "test"));
        SendTestDialog dialog = _get(SendTestDialog.class);
        _setValue(dialog.to, me);
        _click(dialog.send);

        assertThat(Notifications.texts()).anyMatch(text -> text.startsWith("Test sent to " + me + " from "));
        assertThat(SystemActor.call(() -> sandbox.messages(200))).filteredOn(mail -> mail.to().contains(me))
                .singleElement().satisfies(mail -> {
                    assertThat(mail.subject()).startsWith("[TEST] ");
                    assertThat(mail.textBody()).startsWith("TEST of the template email-initial as a sample lead"
                            + " (Alexandra Vandenberghe) would get it.");
                });
        assertThat(outreachMessages()).as("a test is not outreach").isEqualTo(outreachBefore);
    }

    private int outreachMessages() {
        return jdbc.sql("select count(*) from outreach_message").query(Integer.class).single();
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<String> templateCell(SequenceEditor editor, int row) {
        return (ComboBox<String>) GridKt._getCellComponent(editor.steps, row, "template");
    }

    @Test
    void operatorsReadSequencesButCannotChangeThem() {
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(SequencesView.class);

        SequenceEditor editor = _get(SequenceEditor.class);
        assertThat(editor.name.isReadOnly()).isTrue();
        assertThat(editor.save.isAttached()).isFalse();
        SequenceConfig plan = sequences.defaultSequence();
        assertThatThrownBy(() -> sequences.save(plan.id(), plan.name(), plan.steps()))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void anEmptySequenceIsRefused() {
        assertThatThrownBy(() -> SystemActor.call(() -> sequences.save(null, "Empty", List.of())))
                .isInstanceOf(InvalidInputException.class).hasMessage("steps: A sequence needs at least one step");
    }
}
