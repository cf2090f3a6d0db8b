package dev.outreach.campaign.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import dev.outreach.campaign.CampaignDetails;
import dev.outreach.campaign.CampaignDraft;
import dev.outreach.campaign.CampaignSchedule;
import dev.outreach.campaign.CampaignService;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.ui.FieldErrors;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** When the campaign sends: days, hours (local to the lead: the lead's time zone wins) and the zone of leads without one. */
class ScheduleForm extends VerticalLayout {

    final CheckboxGroup<DayOfWeek> sendDays = new CheckboxGroup<>("Send days");
    final IntegerField startHour = new IntegerField("Sends from (hour)");
    final IntegerField endHour = new IntegerField("Until (hour, not included)");
    final ComboBox<String> timeZone = new ComboBox<>("Time zone of leads without one");
    final Button save = new Button("Save schedule", click -> save());

    private final transient CampaignService campaigns;
    private final Runnable campaignChanged;
    private final Map<String, HasValidation> fields = new LinkedHashMap<>();
    private CampaignDetails campaign;

    ScheduleForm(CampaignService campaigns, CampaignDetails campaign, Runnable campaignChanged) {
        this.campaigns = campaigns;
        this.campaign = campaign;
        this.campaignChanged = campaignChanged;
        setPadding(false);
        sendDays.setItems(DayOfWeek.values());
        sendDays.setItemLabelGenerator(day -> day.getDisplayName(TextStyle.SHORT, Locale.US));
        startHour.setMin(0);
        startHour.setMax(23);
        endHour.setMin(1);
        endHour.setMax(24);
        startHour.setStepButtonsVisible(true);
        endHour.setStepButtonsVisible(true);
        timeZone.setItems(ZoneId.getAvailableZoneIds().stream().sorted().toList());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        fields.put("schedule.sendDays", sendDays);
        fields.put("schedule.startHour", startHour);
        fields.put("schedule.endHour", endHour);
        fields.put("schedule.timeZone", timeZone);
        CampaignSchedule schedule = campaign.schedule();
        if (schedule != null) {
            sendDays.setValue(schedule.sendDays());
            startHour.setValue(schedule.startHour());
            endHour.setValue(schedule.endHour());
            timeZone.setValue(schedule.timeZone());
        }
        add(new Paragraph("A touch goes out on these days between these hours in the lead's own time zone; leads without"
                + " one are treated as being in the zone below."), new FormLayout(sendDays, startHour, endHour, timeZone), save);
    }

    void save() {
        FieldErrors.clear(fields);
        CampaignSchedule schedule = new CampaignSchedule(sendDays.getValue(), Objects.requireNonNullElse(startHour.getValue(), -1),
                Objects.requireNonNullElse(endHour.getValue(), -1), timeZone.getValue());
        try {
            campaign = campaigns.update(campaign.id(), new CampaignDraft(campaign.name(), campaign.description(),
                    campaign.touches(), schedule, campaign.senders(), campaign.limits(), campaign.recontact()));
            Notification.show("Schedule saved").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            campaignChanged.run();
        } catch (InvalidInputException refused) {
            FieldErrors.showNotSaved(fields, refused.errors());
        }
    }
}
