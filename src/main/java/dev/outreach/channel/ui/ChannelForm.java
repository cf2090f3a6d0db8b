package dev.outreach.channel.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.outreach.channel.ChannelConfigService;
import dev.outreach.channel.ChannelSettings;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.ui.FieldErrors;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The form of one channel. Text areas hold one {@code key = value} per line. */
class ChannelForm extends VerticalLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
            .withLocale(Locale.US).withZone(ZoneId.systemDefault());

    private final transient ChannelConfigService channels;
    private ChannelSettings current;
    private final Map<String, HasValidation> fields = new LinkedHashMap<>();

    final Checkbox enabled = new Checkbox("Enabled");
    final IntegerField maxPerHour = number("Max per hour", "maxPerHour");
    final IntegerField maxPerDay = number("Max per day", "maxPerDay");
    final IntegerField maxPerLead = number("Max per lead", "maxPerLead");
    final IntegerField maxRetries = number("Max retries", "maxRetries");
    final TextField retryBackoffHours = new TextField("Retry backoff (hours, one per retry)");
    final TextArea templates = new TextArea("Templates (message type = template)");
    final TextArea settings = new TextArea("Settings (name = value)");
    final Button save = new Button("Save");
    private final Span updated = new Span();

    ChannelForm(ChannelConfigService channels, ChannelSettings settings, boolean editable) {
        this.channels = channels;
        this.current = settings;
        addClassName("channel-form");
        setId("channel-" + settings.channel().name().toLowerCase(Locale.ROOT));
        setPadding(false);
        fields.put("retryBackoffHours", retryBackoffHours);
        fields.put("templates", templates);
        fields.put("settings", this.settings);
        retryBackoffHours.setPlaceholder("24, 48");
        FormLayout form = new FormLayout(enabled, maxPerHour, maxPerDay, maxPerLead, maxRetries, retryBackoffHours,
                templates, this.settings);
        form.setColspan(templates, 2);
        form.setColspan(this.settings, 2);
        add(new H3(settings.channel().label()), form, updated);
        read(settings);
        if (editable) {
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            save.addClickListener(click -> save());
            add(save);
        } else {
            enabled.setReadOnly(true);
            fields.values().forEach(field -> ((com.vaadin.flow.component.HasValue<?, ?>) field).setReadOnly(true));
        }
    }

    private IntegerField number(String label, String property) {
        IntegerField field = new IntegerField(label);
        field.setMin(0);
        field.setStepButtonsVisible(true);
        fields.put(property, field);
        return field;
    }

    private void read(ChannelSettings settings) {
        enabled.setValue(settings.enabled());
        maxPerHour.setValue(settings.maxPerHour());
        maxPerDay.setValue(settings.maxPerDay());
        maxPerLead.setValue(settings.maxPerLead());
        maxRetries.setValue(settings.maxRetries());
        retryBackoffHours.setValue(settings.retryBackoffHours().stream().map(String::valueOf)
                .collect(Collectors.joining(", ")));
        templates.setValue(lines(settings.templates()));
        this.settings.setValue(lines(settings.settings()));
        updated.setText(settings.updatedAt() == null ? ""
                : "Last changed " + TIME.format(settings.updatedAt()) + " by " + settings.updatedBy());
    }

    private void save() {
        FieldErrors.clear(fields);
        List<FieldError> errors = new ArrayList<>();
        List<Integer> backoff = parseBackoff(errors);
        Map<String, String> templateMap = parseLines("templates", templates.getValue(), errors);
        Map<String, String> settingMap = parseLines("settings", settings.getValue(), errors);
        for (IntegerField field : List.of(maxPerHour, maxPerDay, maxPerLead, maxRetries)) {
            if (field.getValue() == null) {
                errors.add(new FieldError(propertyOf(field), "Enter a whole number"));
            }
        }
        if (!errors.isEmpty()) {
            FieldErrors.showNotSaved(fields, errors);
            return;
        }
        try {
            current = channels.update(new ChannelSettings(current.channel(), enabled.getValue(), maxPerHour.getValue(),
                    maxPerDay.getValue(), maxPerLead.getValue(), maxRetries.getValue(), backoff, templateMap, settingMap,
                    null, null));
            read(current);
            Notification.show(current.channel().label() + " settings saved")
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (InvalidInputException rejected) {
            FieldErrors.showNotSaved(fields, rejected.errors().stream().map(ChannelForm::onItsArea).toList());
        }
    }

    /** A setting's own error ("settings.captcha_to_operator") shows on the settings area, naming the setting. */
    private static FieldError onItsArea(FieldError error) {
        String prefix = "settings.";
        return error.field().startsWith(prefix)
                ? new FieldError("settings", error.field().substring(prefix.length()) + ": " + error.message())
                : error;
    }

    private List<Integer> parseBackoff(List<FieldError> errors) {
        List<Integer> hours = new ArrayList<>();
        for (String part : retryBackoffHours.getValue().split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                hours.add(Integer.valueOf(part.strip()));
            } catch (NumberFormatException e) {
                errors.add(new FieldError("retryBackoffHours", "'" + part.strip() + "' is not a whole number of hours"));
            }
        }
        return hours;
    }

    private static Map<String, String> parseLines(String field, String text, List<FieldError> errors) {
        Map<String, String> map = new LinkedHashMap<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                errors.add(new FieldError(field, "Line " + (i + 1) + ": write name = value"));
                continue;
            }
            map.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
        }
        return map;
    }

    private static String lines(Map<String, String> map) {
        return map.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + " = " + entry.getValue()).collect(Collectors.joining("\n"));
    }

    private String propertyOf(HasValidation field) {
        return fields.entrySet().stream().filter(entry -> entry.getValue() == field).map(Map.Entry::getKey)
                .findFirst().orElseThrow();
    }

}
