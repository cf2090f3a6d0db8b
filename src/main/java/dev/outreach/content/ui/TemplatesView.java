package dev.outreach.content.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.outreach.content.MessageTemplate;
import dev.outreach.content.MessageVariables;
import dev.outreach.content.RenderedMessage;
import dev.outreach.content.TemplatePreview;
import dev.outreach.content.TemplateService;
import dev.outreach.content.TemplateTestSender;
import dev.outreach.lead.LeadFilter;
import dev.outreach.lead.LeadRow;
import dev.outreach.lead.LeadService;
import dev.outreach.lead.LeadSort;
import dev.outreach.security.Role;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.ui.FieldErrors;
import dev.outreach.shared.ui.SendTestDialog;
import jakarta.annotation.security.RolesAllowed;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Admins edit message templates with a live preview on a lead they pick. The preview is text:
 * the HTML version is shown as escaped source, never rendered, since lead data is untrusted.
 */
@Route("admin/templates")
@PageTitle("Templates | Outreach Engine")
@Menu(order = 45, icon = "vaadin:file-text-o", title = "Templates")
@RolesAllowed(Role.ADMIN_NAME)
public class TemplatesView extends VerticalLayout {

    private final transient TemplateService templates;
    private final transient LeadService leads;
    private final transient TemplateTestSender testSender;

    final Grid<MessageTemplate> grid = new Grid<>();
    final TextField subject = new TextField("Subject");
    final TextArea body = new TextArea("Body");
    final ComboBox<LeadRow> lead = new ComboBox<>("Preview for lead");
    final Pre previewText = new Pre();
    final Pre previewHtmlSource = new Pre();
    final Button save = new Button("Save");
    final Button create = new Button("New template");
    final Button sendTest = new Button("Send a test to myself");
    final UnorderedList warnings = new UnorderedList();
    final HorizontalLayout content;
    final VerticalLayout editor = new VerticalLayout();
    private MessageTemplate editing;

    public TemplatesView(TemplateService templates, LeadService leads, TemplateTestSender testSender) {
        this.templates = templates;
        this.leads = leads;
        this.testSender = testSender;
        addClassName("view");
        setSizeFull();
        configureGrid();
        configureEditor();
        content = new HorizontalLayout(grid, editor);
        // The editor's preview holds long unbreakable lines (HTML source): as a flex item with the default
        // min-width of auto it claimed the whole row and squeezed the grid to a sliver. The editor may shrink
        // and scrolls; the grid keeps a minimum; the row takes the height left under the heading.
        content.setWidthFull();
        content.setMinHeight("0");
        content.setFlexGrow(1, grid);
        content.setFlexGrow(1, editor);
        grid.setMinWidth("24em");
        editor.setMinWidth("0");
        editor.setHeightFull();
        editor.getStyle().set("overflow", "auto");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(click -> new NewTemplateDialog(templates, created -> {
            refresh();
            grid.select(created);
        }).open());
        HorizontalLayout heading = new HorizontalLayout(new H2("Message templates"), create);
        heading.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        add(heading, content);
        setFlexGrow(1, content);
        refresh();
    }

    private void configureGrid() {
        grid.setHeightFull();
        grid.addColumn(MessageTemplate::name).setHeader("Name").setKey("name").setAutoWidth(true);
        grid.addColumn(t -> t.channel().label()).setHeader("Channel").setKey("channel").setAutoWidth(true);
        grid.addColumn(MessageTemplate::messageType).setHeader("Message type").setKey("messageType").setAutoWidth(true);
        grid.addColumn(t -> t.angle().map(a -> a.label()).orElse("Any")).setHeader("Angle").setKey("angle").setAutoWidth(true);
        grid.addColumn(MessageTemplate::updatedBy).setHeader("Updated by").setKey("updatedBy").setAutoWidth(true);
        grid.asSingleSelect().addValueChangeListener(event -> edit(event.getValue()));
    }

    private void configureEditor() {
        subject.setWidthFull();
        body.setWidthFull();
        body.setMinHeight("14em");
        subject.setValueChangeMode(ValueChangeMode.LAZY);
        body.setValueChangeMode(ValueChangeMode.LAZY);
        subject.addValueChangeListener(event -> preview());
        body.addValueChangeListener(event -> preview());
        lead.setWidthFull();
        lead.setItemLabelGenerator(row -> row.name() + (row.company() == null ? "" : " · " + row.company()));
        lead.setItems(query -> leads.page(filter(query.getFilter().orElse(null)), LeadSort.CREATED, true,
                query.getOffset(), query.getLimit()).stream(), query -> leads.count(filter(query.getFilter().orElse(null))));
        lead.addValueChangeListener(event -> preview());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(click -> save());
        previewText.addClassName("template-preview");
        previewHtmlSource.addClassName("template-preview");
        Paragraph variables = new Paragraph("Variables: " + MessageVariables.NAMES.stream()
                .map(name -> "{{" + name + "}}").collect(Collectors.joining(" ")));
        warnings.addClassName("template-warnings");
        sendTest.addClickListener(click -> openSendTest());
        editor.add(subject, body, variables, new HorizontalLayout(save, sendTest), lead, new H4("Preview"), warnings, previewText, new H4("HTML (source)"),
                previewHtmlSource);
        editor.setVisible(false);
    }

    private static LeadFilter filter(String text) {
        return text == null || text.isBlank() ? LeadFilter.all() : LeadFilter.all().withText(text);
    }

    private void edit(MessageTemplate template) {
        editing = template;
        editor.setVisible(template != null);
        if (template == null) {
            return;
        }
        FieldErrors.clear(fields());
        subject.setValue(template.subject() == null ? "" : template.subject());
        subject.setRequiredIndicatorVisible(template.channel() == dev.outreach.shared.ChannelType.EMAIL);
        body.setValue(template.body());
        if (lead.getValue() == null) {
            leads.page(LeadFilter.all(), LeadSort.CREATED, true, 0, 1).stream().findFirst().ifPresent(lead::setValue);
        }
        preview();
    }

    private void preview() {
        if (editing == null) {
            return;
        }
        FieldErrors.clear(fields());
        warnings.removeAll();
        if (lead.getValue() == null) {
            previewText.setText("Pick a lead to see the message it would get.");
            previewHtmlSource.setText("");
            return;
        }
        try {
            TemplatePreview preview = templates.preview(editing, subject.getValue(), body.getValue(), lead.getValue().id());
            preview.warnings().forEach(warning -> warnings.add(new ListItem(warning)));
            RenderedMessage rendered = preview.message();
            String subjectLine = rendered.subject().isEmpty() ? "" : "Subject: " + rendered.subject() + "\n\n";
            previewText.setText(subjectLine + rendered.textBody());
            previewHtmlSource.setText(rendered.htmlBody() == null ? "(this channel takes text only)" : rendered.htmlBody());
        } catch (InvalidInputException invalid) {
            FieldErrors.show(fields(), invalid.errors());
            previewText.setText("Cannot preview: " + String.join("; ", invalid.errors().stream().map(FieldError::message).toList()));
            previewHtmlSource.setText("");
        }
    }

    /** The text as it stands in the editor (saved or not), for the lead of the preview. */
    private void openSendTest() {
        if (lead.getValue() == null) {
            lead.setErrorMessage("Pick the lead the test is written for");
            lead.setInvalid(true);
            return;
        }
        MessageTemplate template = editing;
        String subjectText = subject.getValue();
        String bodyText = body.getValue();
        long leadId = lead.getValue().id();
        new SendTestDialog("The editor's text of " + template.name() + ", written for " + lead.getValue().name() + ".",
                to -> testSender.sendTest(template, subjectText, bodyText, leadId, to)).open();
    }

    private void save() {
        FieldErrors.clear(fields());
        try {
            MessageTemplate saved = templates.update(editing.id(), subject.getValue(), body.getValue());
            Notification.show(saved.name() + " saved");
            refresh();
            grid.select(saved);
        } catch (InvalidInputException invalid) {
            FieldErrors.showNotSaved(fields(), invalid.errors());
        }
    }

    private Map<String, com.vaadin.flow.component.HasValidation> fields() {
        return Map.of("subject", subject, "body", body, "lead", lead);
    }

    private void refresh() {
        long selected = editing == null ? -1 : editing.id();
        grid.setItems(templates.findAll());
        if (selected >= 0) {
            templates.find(selected).ifPresent(t -> editing = t);
        }
    }
}
