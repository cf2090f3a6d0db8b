package dev.outreach.campaign.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import dev.outreach.campaign.CampaignTouch;
import dev.outreach.campaign.CampaignTouchPreview;
import dev.outreach.campaign.SequenceConfig;
import dev.outreach.campaign.SequenceService;
import dev.outreach.shared.ChannelType;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One touch of the plan: its message type, the channel-fallback sequence it follows, a template
 * for each channel of that sequence, the delay after the previous touch and the engagement gate;
 * with buttons to move or remove it and, when the content module is present, its preview.
 */
class TouchEditor extends VerticalLayout {

    static final List<String> MESSAGE_TYPES = List.of("INITIAL", "FOLLOW_UP", "FINAL");

    final H4 title = new H4();
    final ComboBox<String> messageType = new ComboBox<>("Message type");
    final ComboBox<SequenceConfig> sequence = new ComboBox<>("Channel sequence");
    final Map<ChannelType, ComboBox<String>> templates = new EnumMap<>(ChannelType.class);
    final IntegerField delayHours = new IntegerField("Delay after the previous touch, hours");
    final Checkbox engagementGate = new Checkbox("Only for leads who opened or clicked (engagement gate)");
    final Button up = new Button(new Icon(VaadinIcon.ARROW_UP));
    final Button down = new Button(new Icon(VaadinIcon.ARROW_DOWN));
    final Button remove = new Button("Remove", new Icon(VaadinIcon.TRASH));
    /** Problems of this touch that no single field shows. */
    final Div problems = new Div();

    private final transient SequenceService sequences;
    private final FormLayout templateFields = new FormLayout();
    private final Runnable changed;

    TouchEditor(SequenceService sequences, List<SequenceConfig> choices, CampaignTouch touch, CampaignTouchPreview preview,
            Runnable changed) {
        this.sequences = sequences;
        this.changed = changed;
        addClassName("touch-editor");
        setPadding(true);
        getStyle().set("border", "1px solid var(--lumo-contrast-20pct)").set("border-radius", "var(--lumo-border-radius-m)");
        messageType.setItems(MESSAGE_TYPES);
        messageType.setAllowCustomValue(true);
        messageType.addCustomValueSetListener(custom -> messageType.setValue(custom.getDetail()));
        messageType.setHelperText("Or type a custom type, such as case_study");
        sequence.setItems(choices);
        sequence.setItemLabelGenerator(SequenceConfig::name);
        delayHours.setMin(0);
        delayHours.setStepButtonsVisible(true);
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        up.getElement().setAttribute("aria-label", "Move up");
        down.getElement().setAttribute("aria-label", "Move down");
        problems.addClassName("touch-problems");

        read(touch, choices);
        sequence.addValueChangeListener(change -> {
            showTemplateFields(change.getValue(), Map.of());
            changed.run();
        });
        messageType.addValueChangeListener(change -> changed.run());
        delayHours.addValueChangeListener(change -> changed.run());
        engagementGate.addValueChangeListener(change -> changed.run());

        HorizontalLayout header = new HorizontalLayout(title, up, down, remove);
        header.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        FormLayout fields = new FormLayout(messageType, sequence, delayHours, engagementGate);
        add(header, fields, templateFields, problems);
        if (preview != null) {
            add(preview.create(this::value));
        }
    }

    private void read(CampaignTouch touch, List<SequenceConfig> choices) {
        messageType.setValue(touch.messageType());
        SequenceConfig chosen = choices.stream().filter(s -> s.id() == touch.sequenceId()).findFirst().orElse(null);
        sequence.setValue(chosen);
        delayHours.setValue(touch.delayHours());
        engagementGate.setValue(touch.engagementGate());
        showTemplateFields(chosen, touch.templates());
    }

    /** A template choice per channel of the sequence, prefilled with the step's own template. */
    private void showTemplateFields(SequenceConfig plan, Map<ChannelType, String> current) {
        templates.clear();
        templateFields.removeAll();
        if (plan == null) {
            return;
        }
        for (SequenceConfig.Step step : plan.steps()) {
            ComboBox<String> template = new ComboBox<>(step.channel().label() + " template");
            template.setItems(sequences.templatesFor(step.channel()));
            template.setValue(current.getOrDefault(step.channel(), step.messageTemplate()));
            template.addValueChangeListener(change -> changed.run());
            templates.put(step.channel(), template);
            templateFields.add(template);
        }
    }

    void number(int order, int of) {
        title.setText("Touch " + order);
        up.setEnabled(order > 1);
        down.setEnabled(order < of);
    }

    /** The touch as edited; {@code order} is set by the plan. */
    CampaignTouch value() {
        Map<ChannelType, String> chosen = new LinkedHashMap<>();
        templates.forEach((channel, field) -> {
            if (field.getValue() != null && !field.getValue().isBlank()) {
                chosen.put(channel, field.getValue());
            }
        });
        String type = messageType.getValue() == null ? "" : messageType.getValue();
        return new CampaignTouch(0, type, sequence.getValue() == null ? 0 : sequence.getValue().id(), chosen,
                Objects.requireNonNullElse(delayHours.getValue(), -1), engagementGate.getValue());
    }

    /** The fields by the name the service's errors give them after "touches[n].". */
    Map<String, HasValidation> fields() {
        Map<String, HasValidation> fields = new LinkedHashMap<>();
        fields.put("messageType", messageType);
        fields.put("sequenceId", sequence);
        fields.put("sequence", sequence);
        fields.put("delayHours", delayHours);
        return fields;
    }
}
