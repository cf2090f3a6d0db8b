package dev.outreach.content.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.ComboBoxKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import dev.outreach.console.ui.AccessDeniedView;
import dev.outreach.content.MessageTemplate;
import dev.outreach.content.TemplateService;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadRow;
import dev.outreach.lead.LeadService;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.ui.SendTestDialog;
import dev.outreach.support.KaribuTest;
import dev.outreach.support.Notifications;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

class TemplatesViewTests extends KaribuTest {

    @Autowired
    TemplateService templates;
    @Autowired
    LeadService leads;
    @Autowired
    dev.outreach.channel.email.SandboxMailServer sandbox;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void anAdminEditsATemplateSeesTheLivePreviewForAPickedLeadAndSaves() {
        long leadId = lead("Quentin", "<i>Ketch</i> & Co");
        TemplatesView view = open();
        select(view, "email-follow-up");

        List<LeadRow> found = ComboBoxKt.getSuggestionItems(filtered(view, "Quentin"));
        LeadRow picked = found.stream().filter(row -> row.id() == leadId).findFirst().orElseThrow();
        _setValue(view.lead, picked);
        _setValue(view.subject, "A note for {{company}}");
        _setValue(view.body, "Hi {{first_name}},\nstill keen to help {{company}}.");

        assertThat(view.previewText.getText())
                .isEqualTo("Subject: A note for <i>Ketch</i> & Co\n\nHi Quentin,\nstill keen to help <i>Ketch</i> & Co.");
        assertThat(view.previewHtmlSource.getText())
                .isEqualTo("Hi Quentin,<br>\nstill keen to help &lt;i&gt;Ketch&lt;/i&gt; &amp; Co.");
        assertThat(view.previewHtmlSource.getElement().getChildren()).as("shown as text, not markup")
                .allMatch(com.vaadin.flow.dom.Element::isTextNode);

        _click(view.save);

        assertThat(Notifications.texts()).contains("email-follow-up saved");
        MessageTemplate stored = named("email-follow-up");
        assertThat(stored.subject()).isEqualTo("A note for {{company}}");
        assertThat(stored.updatedBy()).isEqualTo("ada");
        int row = GridKt._findAll(view.grid).indexOf(stored);
        assertThat(GridKt._getFormatted(view.grid, row, "updatedBy")).isEqualTo("ada");
    }

    @Test
    void aBrokenTemplateShowsTheErrorOnTheFieldAndChangesNothing() {
        MessageTemplate before = SystemActor.call(() -> named("email-final"));
        TemplatesView view = open();
        select(view, "email-final");

        _setValue(view.body, "Hi {{first_name}},\n{{#company}}never closed");
        assertThat(view.body.isInvalid()).as("the live preview already says so").isTrue();
        _click(view.save);

        assertThat(view.body.isInvalid()).isTrue();
        assertThat(view.body.getErrorMessage()).startsWith("Line ");
        assertThat(Notifications.texts()).anyMatch(text -> text.startsWith("Not saved: Line "));

        _setValue(view.body, "Hi");
        _setValue(view.subject, "");
        _click(view.save);
        assertThat(view.subject.getErrorMessage()).isEqualTo("An email needs a subject");
        assertThat(SystemActor.call(() -> named("email-final"))).isEqualTo(before);
    }

    @Test
    void thePreviewNamesUnknownAndEmptyVariablesAndAnUnknownOneIsNotSaved() {
        long leadId = lead("Wren", "Wren Masonry");
        TemplatesView view = open();
        select(view, "email-initial");
        MessageTemplate before = named("email-initial");
        _setValue(view.lead, ComboBoxKt.getSuggestionItems(filtered(view, "Wren")).stream()
                .filter(row -> row.id() == leadId).findFirst().orElseThrow());

        _setValue(view.body, "Hi {{frist_name}}, how is {{city}}?");

        assertThat(view.warnings.getChildren().map(item -> item.getElement().getText()))
                .containsExactly("{{frist_name}} is not a variable: it renders as nothing",
                        "{{city}} is empty for this lead: it renders as nothing");
        assertThat(view.previewText.getText()).endsWith("Hi , how is ?");

        _click(view.save);

        assertThat(view.body.isInvalid()).isTrue();
        assertThat(view.body.getErrorMessage()).startsWith("{{frist_name}} is not a variable; the variables are first_name, ");
        assertThat(named("email-initial")).isEqualTo(before);
    }

    @Test
    void anAdminCreatesATemplateAndItOpensInTheEditor() {
        TemplatesView view = open();
        String name = "email-spring-offer-" + System.nanoTime();
        _click(view.create);
        NewTemplateDialog dialog = _get(NewTemplateDialog.class);

        _setValue(dialog.name, "Spring Offer");
        _setValue(dialog.channel, ChannelType.EMAIL);
        _setValue(dialog.messageType, "follow_up");
        _setValue(dialog.body, "Hi {{first_name}}");
        _click(dialog.create);

        assertThat(dialog.isOpened()).isTrue();
        assertThat(dialog.name.getErrorMessage()).isEqualTo("Use 1 to 100 lowercase letters, digits and hyphens, such as email-spring-offer");
        assertThat(dialog.messageType.isInvalid()).isFalse();

        _setValue(dialog.name, name);
        _click(dialog.create);
        assertThat(dialog.messageType.getErrorMessage())
                .isEqualTo("The template email-follow-up is already the Email · follow_up (any angle) template");
        assertThat(dialog.subject.getErrorMessage()).isEqualTo("An email needs a subject");

        _setValue(dialog.messageType, "spring_offer_" + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "x"));
        _setValue(dialog.subject, "Spring slots at {{company}}");
        _click(dialog.create);

        assertThat(dialog.isOpened()).isFalse();
        assertThat(Notifications.texts()).contains(name + " created");
        MessageTemplate created = named(name);
        assertThat(created.channel()).isEqualTo(ChannelType.EMAIL);
        assertThat(created.updatedBy()).isEqualTo("ada");
        assertThat(view.grid.asSingleSelect().getValue()).isEqualTo(created);
        assertThat(view.body.getValue()).isEqualTo("Hi {{first_name}}");
    }

    @Test
    void aTestGoesToTheEditorThroughTheSandboxMarkedAsATestAndIsNotOutreach() {
        long leadId = lead("Yara", "Yara Tiling");
        TemplatesView view = open();
        select(view, "email-initial");
        _setValue(view.lead, ComboBoxKt.getSuggestionItems(filtered(view, "Yara")).stream()
                .filter(row -> row.id() == leadId).findFirst().orElseThrow());
        _setValue(view.subject, "Tiles for {{company}}");
        int outreachBefore = outreachMessages();
        String me = "ada-" + System.nanoTime() + "@example.com";

        _click(view.sendTest);
        SendTestDialog dialog = _get(SendTestDialog.class);
        _setValue(dialog.to, "ada at example");
        _click(dialog.send);
        assertThat(dialog.to.getErrorMessage()).isEqualTo("Give your email address, such as you@your-company.com");

        _setValue(dialog.to, me);
        _click(dialog.send);

        assertThat(dialog.isOpened()).isFalse();
        assertThat(Notifications.texts()).anyMatch(text -> text.startsWith("Test sent to " + me + " from ")
                && text.endsWith("(SANDBOX: it is in the Sandbox outbox)"));
        assertThat(SystemActor.call(() -> sandbox.messages(200))).filteredOn(mail -> mail.to().contains(me))
                .singleElement().satisfies(mail -> {
                    assertThat(mail.subject()).isEqualTo("[TEST] Tiles for Yara Tiling");
                    assertThat(mail.textBody().replace("\r\n", "\n")).startsWith("TEST of the template email-initial as Yara Viewtest would get it."
                            + " It was not sent to the lead and does not count as outreach.\n\nHi Yara,");
                });
        assertThat(outreachMessages()).as("a test is not outreach").isEqualTo(outreachBefore);
        assertThat(named("email-initial").subject()).as("the test does not save").isNotEqualTo("Tiles for {{company}}");
        assertThat(jdbc.sql("select entity_id || ': ' || after_value from audit_log where action = 'template.test-send'"
                + " and after_value like :to").param("to", "to " + me + " %").query(String.class).list())
                .singleElement().asString().startsWith("email-initial: to " + me + " from ").endsWith("(SANDBOX)");
    }

    private int outreachMessages() {
        return jdbc.sql("select count(*) from outreach_message").query(Integer.class).single();
    }

    @Test
    void theListKeepsItsWidthBesideAnOpenTemplate() {
        TemplatesView view = open();
        select(view, "email-initial");

        assertThat(view.editor.isVisible()).isTrue();
        // the preview's long lines made the editor claim the whole row (flex min-width: auto), the grid shrank to 2 px
        assertThat(view.editor.getMinWidth()).isEqualTo("0");
        assertThat(view.editor.getStyle().get("overflow")).isEqualTo("auto");
        assertThat(view.grid.getMinWidth()).isEqualTo("24em");
        assertThat(view.content.getFlexGrow(view.grid)).isEqualTo(1);
        assertThat(view.getFlexGrow(view.content)).isEqualTo(1);
        assertThat(view.previewHtmlSource.getClassNames()).contains("template-preview");
    }

    @Test
    void operatorsCannotOpenTheEditorAndTheServiceRefusesTheirChanges() {
        login("olivia", Role.OPERATOR);

        UI.getCurrent().navigate(TemplatesView.class);

        _assertOne(AccessDeniedView.class);
        _assertNone(TemplatesView.class);
        MessageTemplate template = named("linkedin-dm");
        assertThatThrownBy(() -> templates.update(template.id(), null, "Hi")).isInstanceOf(AccessDeniedException.class);
        assertThat(named("linkedin-dm").body()).isEqualTo(template.body());
    }

    private TemplatesView open() {
        login("ada", Role.ADMIN);
        UI.getCurrent().navigate(TemplatesView.class);
        return _get(TemplatesView.class);
    }

    private static void select(TemplatesView view, String name) {
        MessageTemplate template = GridKt._findAll(view.grid).stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
        view.grid.select(template);
    }

    private static com.vaadin.flow.component.combobox.ComboBox<LeadRow> filtered(TemplatesView view, String text) {
        ComboBoxKt.setUserInput(view.lead, text);
        return view.lead;
    }

    private MessageTemplate named(String name) {
        return templates.findAll().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private long lead(String firstName, String company) {
        LeadDraft draft = new LeadDraft();
        draft.setFirstName(firstName);
        draft.setLastName("Viewtest");
        draft.setCompany(company);
        draft.setEmail(firstName.toLowerCase() + "-" + System.nanoTime() + "@example.com");
        return SystemActor.call(() -> leads.create(draft));
    }
}
