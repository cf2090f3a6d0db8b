package dev.outreach.campaign.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.outreach.campaign.EngineSettings;
import dev.outreach.campaign.EngineSettingsService;
import dev.outreach.security.Role;
import dev.outreach.shared.DeliveryMode;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.ui.ConfirmDialogs;
import dev.outreach.shared.ui.FieldErrors;
import jakarta.annotation.security.RolesAllowed;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Engine settings for admins: every field of {@code sales_engine_config} (cadence, engagement
 * gate, re-contact, send window, health threshold, generation failures, tick interval) and the
 * SANDBOX/LIVE switch, which asks for confirmation before real people are reached.
 */
@Route("admin/engine")
@PageTitle("Engine settings | Outreach Engine")
@Menu(order = 90, icon = "vaadin:cogs", title = "Engine settings")
@RolesAllowed(Role.ADMIN_NAME)
public class EngineSettingsView extends VerticalLayout {

    private final transient EngineSettingsService service;

    final IntegerField maxSequenceSteps = number("Touches per cycle (max_sequence_steps)");
    final IntegerField baseFollowupDelayHours = number("Base follow-up delay, hours");
    final IntegerField minFollowupDelayHours = number("Follow-up delay floor, hours");
    final Checkbox requireEngagementForFinalStep = new Checkbox("Send the final touch only to leads who opened or clicked");
    final IntegerField maxRecontactCycles = number("Re-contact cycles (max_recontact_cycles)");
    final IntegerField recontactCooldownDays = number("Re-contact cooldown, days");
    final IntegerField mailboxHealthThreshold = number("Mailbox health threshold (score)");
    final IntegerField maxGenerationFailures = number("Generation failures before a touch is skipped");
    final IntegerField sendWindowStartHour = number("Send window starts at (hour)");
    final IntegerField sendWindowEndHour = number("Send window ends at (hour)");
    final CheckboxGroup<DayOfWeek> sendDays = new CheckboxGroup<>("Send days");
    final ComboBox<String> defaultTimeZone = new ComboBox<>("Default time zone (leads without one)");
    final IntegerField tickIntervalMinutes = number("Sequencer tick every, minutes");
    final RadioButtonGroup<DeliveryMode> deliveryMode = new RadioButtonGroup<>("Delivery");
    final Button save = new Button("Save", click -> confirmAndSave());

    private final Map<String, HasValidation> fields = new LinkedHashMap<>();
    private DeliveryMode stored;

    public EngineSettingsView(EngineSettingsService service) {
        this.service = service;
        addClassName("view");
        sendDays.setItems(DayOfWeek.values());
        sendDays.setItemLabelGenerator(day -> day.getDisplayName(TextStyle.SHORT, Locale.US));
        defaultTimeZone.setItems(ZoneId.getAvailableZoneIds().stream().sorted().toList());
        defaultTimeZone.setAllowCustomValue(false);
        deliveryMode.setItems(DeliveryMode.values());
        deliveryMode.setItemLabelGenerator(mode -> mode == DeliveryMode.LIVE
                ? "LIVE: email, LinkedIn and forms reach real people"
                : "SANDBOX: everything is delivered inside the application");
        fields.put("maxSequenceSteps", maxSequenceSteps);
        fields.put("baseFollowupDelayHours", baseFollowupDelayHours);
        fields.put("minFollowupDelayHours", minFollowupDelayHours);
        fields.put("maxRecontactCycles", maxRecontactCycles);
        fields.put("recontactCooldownDays", recontactCooldownDays);
        fields.put("mailboxHealthThreshold", mailboxHealthThreshold);
        fields.put("maxGenerationFailures", maxGenerationFailures);
        fields.put("sendWindowStartHour", sendWindowStartHour);
        fields.put("sendWindowEndHour", sendWindowEndHour);
        fields.put("sendDays", sendDays);
        fields.put("defaultTimeZone", defaultTimeZone);
        fields.put("tickIntervalMinutes", tickIntervalMinutes);
        fields.put("deliveryMode", deliveryMode);
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        FormLayout cadence = new FormLayout(maxSequenceSteps, baseFollowupDelayHours, minFollowupDelayHours,
                requireEngagementForFinalStep, tickIntervalMinutes);
        FormLayout recontact = new FormLayout(maxRecontactCycles, recontactCooldownDays, maxGenerationFailures);
        FormLayout window = new FormLayout(sendWindowStartHour, sendWindowEndHour, sendDays, defaultTimeZone);
        FormLayout delivery = new FormLayout(mailboxHealthThreshold, deliveryMode);
        add(new H2("Engine settings"), new Paragraph("Every change is written to the audit log."),
                new H3("Cadence"), cadence, new H3("Re-contact and content"), recontact, new H3("Send window"), window,
                new H3("Deliverability and delivery"), delivery, save);
        read(service.settings());
    }

    private static IntegerField number(String label) {
        IntegerField field = new IntegerField(label);
        field.setStepButtonsVisible(true);
        return field;
    }

    private void read(EngineSettings s) {
        maxSequenceSteps.setValue(s.maxSequenceSteps());
        baseFollowupDelayHours.setValue(s.baseFollowupDelayHours());
        minFollowupDelayHours.setValue(s.minFollowupDelayHours());
        requireEngagementForFinalStep.setValue(s.requireEngagementForFinalStep());
        maxRecontactCycles.setValue(s.maxRecontactCycles());
        recontactCooldownDays.setValue(s.recontactCooldownDays());
        mailboxHealthThreshold.setValue(s.mailboxHealthThreshold());
        maxGenerationFailures.setValue(s.maxGenerationFailures());
        sendWindowStartHour.setValue(s.sendWindowStartHour());
        sendWindowEndHour.setValue(s.sendWindowEndHour());
        sendDays.setValue(s.sendDays());
        defaultTimeZone.setValue(s.defaultTimeZone());
        tickIntervalMinutes.setValue(s.tickIntervalMinutes());
        deliveryMode.setValue(s.deliveryMode());
        stored = s.deliveryMode();
    }

    private void confirmAndSave() {
        if (deliveryMode.getValue() == DeliveryMode.LIVE && stored != DeliveryMode.LIVE) {
            ConfirmDialogs.destructive("Switch to LIVE delivery?",
                    "From now on email goes to the leads' real addresses through the mailboxes' SMTP servers, and"
                            + " LinkedIn messages and contact forms are really sent.", "Go LIVE", this::save);
            return;
        }
        save();
    }

    void save() {
        FieldErrors.clear(fields);
        List<FieldError> missing = new ArrayList<>();
        for (Map.Entry<String, HasValidation> entry : fields.entrySet()) {
            if (entry.getValue() instanceof IntegerField field && field.getValue() == null) {
                missing.add(new FieldError(entry.getKey(), "Enter a whole number"));
            }
        }
        if (!missing.isEmpty()) {
            FieldErrors.showNotSaved(fields, missing);
            return;
        }
        try {
            EngineSettings saved = service.update(new EngineSettings(maxSequenceSteps.getValue(),
                    baseFollowupDelayHours.getValue(), minFollowupDelayHours.getValue(), mailboxHealthThreshold.getValue(),
                    requireEngagementForFinalStep.getValue(), maxRecontactCycles.getValue(), recontactCooldownDays.getValue(),
                    maxGenerationFailures.getValue(), sendWindowStartHour.getValue(), sendWindowEndHour.getValue(),
                    sendDays.getValue(), defaultTimeZone.getValue(), tickIntervalMinutes.getValue(), deliveryMode.getValue()));
            boolean modeChanged = saved.deliveryMode() != stored;
            read(saved);
            Notification.show("Engine settings saved").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            if (modeChanged) {
                // the SANDBOX/LIVE badge in the header is drawn once per page
                getUI().ifPresent(ui -> ui.getPage().reload());
            }
        } catch (InvalidInputException rejected) {
            FieldErrors.showNotSaved(fields, rejected.errors());
        }
    }
}
