package dev.outreach.campaign.ui;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import dev.outreach.campaign.SequenceConfig;
import dev.outreach.campaign.SequenceService;
import dev.outreach.campaign.StepTestSender;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.ui.SendTestDialog;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Edits one sequence: its name and its ordered steps. Fires {@link SavedEvent} after a save. */
class SequenceEditor extends VerticalLayout {

    /** A step row being edited. */
    static final class StepRow {
        ChannelType channel;
        String template;
        int maxRetries;
        int retryDelayHours;

        StepRow(SequenceConfig.Step step) {
            channel = step.channel();
            template = step.messageTemplate();
            maxRetries = step.maxRetries();
            retryDelayHours = step.retryDelayHours();
        }
    }

    private final transient SequenceService sequences;
    private final transient StepTestSender testSender;
    private final Long sequenceId;
    private final List<StepRow> rows = new ArrayList<>();
    private final java.util.Map<ChannelType, List<String>> templateNames = new java.util.EnumMap<>(ChannelType.class);
    final TextField name = new TextField("Name");
    final Grid<StepRow> steps = new Grid<>();
    final Button addStep = new Button("Add step", new Icon(VaadinIcon.PLUS));
    final Button save = new Button("Save sequence");
    final com.vaadin.flow.component.html.Paragraph errors = new com.vaadin.flow.component.html.Paragraph();

    /** {@code testSender} null: no "send a test" (the content module is absent). */
    SequenceEditor(SequenceService sequences, SequenceConfig plan, boolean editable, StepTestSender testSender) {
        this.sequences = sequences;
        this.testSender = testSender;
        this.sequenceId = plan.id() == 0 ? null : plan.id();
        setPadding(false);
        name.setValue(plan.name());
        name.setWidth("24em");
        plan.steps().forEach(step -> rows.add(new StepRow(step)));
        configureGrid(editable);
        errors.addClassName("sequence-errors");
        addStep.addClickListener(click -> {
            rows.add(new StepRow(new SequenceConfig.Step(rows.size() + 1, null, "", 1, 24)));
            steps.setItems(rows);
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(click -> save());
        name.setReadOnly(!editable);
        add(name, steps, errors);
        if (editable) {
            add(new HorizontalLayout(addStep, save));
        }
    }

    private void configureGrid(boolean editable) {
        steps.setAllRowsVisible(true);
        steps.addColumn(row -> rows.indexOf(row) + 1).setHeader("#").setWidth("4em").setFlexGrow(0);
        steps.addComponentColumn(row -> {
            Select<ChannelType> channel = new Select<>();
            channel.setItems(ChannelType.values());
            channel.setItemLabelGenerator(value -> value == null ? "" : value.label());
            channel.setValue(row.channel);
            channel.setReadOnly(!editable);
            channel.addValueChangeListener(change -> {
                row.channel = change.getValue();
                if (!templatesFor(row.channel).contains(row.template)) {
                    row.template = null;
                }
                steps.getDataProvider().refreshItem(row);
            });
            return channel;
        }).setHeader("Channel").setKey("channel");
        steps.addComponentColumn(row -> templatePicker(row, editable)).setHeader("Message template").setKey("template");
        steps.addComponentColumn(row -> number(row.maxRetries, editable, value -> row.maxRetries = value)).setHeader("Max retries");
        steps.addComponentColumn(row -> number(row.retryDelayHours, editable, value -> row.retryDelayHours = value))
                .setHeader("Retry delay (hours)");
        if (testSender != null) {
            steps.addComponentColumn(row -> icon(VaadinIcon.ENVELOPE_O, "Send a test to myself", () -> openSendTest(row)))
                    .setHeader("Test").setKey("test").setAutoWidth(true).setFlexGrow(0);
        }
        if (editable) {
            steps.addComponentColumn(row -> new HorizontalLayout(
                    icon(VaadinIcon.ARROW_UP, "Move up", () -> move(row, -1)),
                    icon(VaadinIcon.ARROW_DOWN, "Move down", () -> move(row, 1)),
                    icon(VaadinIcon.TRASH, "Remove", () -> {
                        rows.remove(row);
                        steps.setItems(rows);
                    }))).setHeader("").setAutoWidth(true);
        }
        steps.setItems(rows);
    }

    /** Only the step channel's templates can be picked, so a typo cannot be saved. */
    private ComboBox<String> templatePicker(StepRow row, boolean editable) {
        ComboBox<String> template = new ComboBox<>();
        List<String> names = new ArrayList<>(templatesFor(row.channel));
        if (row.template != null && !row.template.isBlank() && !names.contains(row.template)) {
            names.add(row.template); // saved before names were checked: shown, and refused on save until changed
        }
        template.setItems(names);
        template.setValue(row.template == null || row.template.isBlank() ? null : row.template);
        template.setPlaceholder(row.channel == null ? "Choose a channel first" : "Choose a template");
        template.setReadOnly(!editable);
        template.addValueChangeListener(change -> row.template = change.getValue());
        return template;
    }

    private List<String> templatesFor(ChannelType channel) {
        return channel == null ? List.of() : templateNames.computeIfAbsent(channel, sequences::templatesFor);
    }

    private static IntegerField number(int value, boolean editable, java.util.function.IntConsumer setter) {
        IntegerField field = new IntegerField();
        field.setValue(value);
        field.setReadOnly(!editable);
        field.setWidth("7em");
        field.addValueChangeListener(change -> setter.accept(change.getValue() == null ? -1 : change.getValue()));
        return field;
    }

    private static Button icon(VaadinIcon icon, String label, Runnable action) {
        Button button = new Button(new Icon(icon), click -> action.run());
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        button.setAriaLabel(label);
        button.setTooltipText(label);
        return button;
    }

    /** The step's saved template as it stands in the row (channel and name), rendered for a sample lead. */
    private void openSendTest(StepRow row) {
        SequenceConfig.Step step = new SequenceConfig.Step(rows.indexOf(row) + 1, row.channel, row.template, row.maxRetries,
                row.retryDelayHours);
        new SendTestDialog("Step " + step.order() + "'s template " + (row.template == null ? "" : row.template)
                + ", written for a sample lead.", to -> testSender.sendTest(step, to)).open();
    }

    void move(StepRow row, int delta) {
        int from = rows.indexOf(row);
        int to = from + delta;
        if (to >= 0 && to < rows.size()) {
            rows.remove(from);
            rows.add(to, row);
            steps.setItems(rows);
        }
    }

    List<StepRow> rows() {
        return rows;
    }

    private void save() {
        List<SequenceConfig.Step> plan = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            StepRow row = rows.get(i);
            plan.add(new SequenceConfig.Step(i + 1, row.channel, row.template, row.maxRetries, row.retryDelayHours));
        }
        try {
            SequenceConfig saved = sequences.save(sequenceId, name.getValue(), plan);
            errors.setText("");
            name.setInvalid(false);
            Notification.show("Sequence " + saved.name() + " saved").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            fireEvent(new SavedEvent(this, saved.id()));
        } catch (InvalidInputException rejected) {
            rejected.errors().stream().filter(e -> e.field().equals("name")).findFirst().ifPresent(e -> {
                name.setErrorMessage(e.message());
                name.setInvalid(true);
            });
            errors.setText(rejected.errors().stream().filter(e -> !e.field().equals("name"))
                    .map(FieldError::message).collect(Collectors.joining("; ")));
        }
    }

    Registration addSavedListener(ComponentEventListener<SavedEvent> listener) {
        return addListener(SavedEvent.class, listener);
    }

    /** A sequence was saved; carries its id. */
    static class SavedEvent extends ComponentEvent<SequenceEditor> {

        private final long sequenceId;

        SavedEvent(SequenceEditor source, long sequenceId) {
            super(source, false);
            this.sequenceId = sequenceId;
        }

        long sequenceId() {
            return sequenceId;
        }
    }
}
