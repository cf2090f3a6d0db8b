package dev.outreach.campaign.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import dev.outreach.campaign.CampaignDetails;
import dev.outreach.campaign.CampaignDraft;
import dev.outreach.campaign.CampaignEnrollmentPolicies;
import dev.outreach.campaign.EnrollmentPolicy;
import dev.outreach.campaign.EnrollmentPolicy.CompanyStop;
import dev.outreach.campaign.CampaignLimits;
import dev.outreach.campaign.CampaignSenderChoices;
import dev.outreach.campaign.CampaignSenderChoices.Choice;
import dev.outreach.campaign.CampaignSenders;
import dev.outreach.campaign.CampaignService;
import dev.outreach.campaign.RecontactPolicy;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.ui.FieldErrors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A campaign's settings: which domains and mailboxes may send for it and its daily limits (admins
 * change those; operators read them), how often a lead who never answered is contacted again, and
 * whom adding leads skips and whether one reply stops the rest of a company.
 */
class SettingsForm extends VerticalLayout {

    final MultiSelectComboBox<Choice> domains = new MultiSelectComboBox<>("Sending domains");
    final MultiSelectComboBox<Choice> mailboxes = new MultiSelectComboBox<>("Mailboxes");
    final IntegerField newLeadsPerDay = new IntegerField("New leads started per day");
    final IntegerField touchesPerDay = new IntegerField("Touches per day");
    final IntegerField maxCycles = new IntegerField("Re-contact cycles");
    final IntegerField cooldownDays = new IntegerField("Re-contact cooldown, days");
    final Button save = new Button("Save settings", click -> save());
    final Checkbox allowActiveElsewhere = new Checkbox("Add leads already running in another campaign");
    final RadioButtonGroup<CompanyStop> companyStop = new RadioButtonGroup<>("When a lead of a company replies or is interested");

    private final transient CampaignService campaigns;
    private final transient CampaignEnrollmentPolicies policies;
    private final Runnable campaignChanged;
    private final Map<String, HasValidation> fields = new LinkedHashMap<>();
    private final boolean admin;
    private CampaignDetails campaign;

    SettingsForm(CampaignService campaigns, CampaignEnrollmentPolicies policies, CampaignSenderChoices choices, boolean admin,
            CampaignDetails campaign, Runnable campaignChanged) {
        this.campaigns = campaigns;
        this.policies = policies;
        this.campaign = campaign;
        this.campaignChanged = campaignChanged;
        this.admin = admin;
        setPadding(false);
        companyStop.setItems(CompanyStop.values());
        companyStop.setItemLabelGenerator(stop -> switch (stop) {
            case OFF -> "Nothing more: the others continue";
            case EMAIL_DOMAIN -> "Stop the others with the same email domain";
            case COMPANY_NAME -> "Stop the others with the same company name";
        });
        EnrollmentPolicy policy = policies.enrollmentPolicy(campaign.id());
        allowActiveElsewhere.setValue(policy.allowActiveElsewhere());
        companyStop.setValue(policy.companyStop());
        List<Choice> domainChoices = choices == null ? List.of() : choices.domains();
        List<Choice> mailboxChoices = choices == null ? List.of() : choices.mailboxes();
        domains.setItems(domainChoices);
        mailboxes.setItems(mailboxChoices);
        domains.setItemLabelGenerator(Choice::label);
        mailboxes.setItemLabelGenerator(Choice::label);
        domains.setHelperText("None chosen here and below: every healthy mailbox may send");
        newLeadsPerDay.setHelperText("Empty: no limit");
        touchesPerDay.setHelperText("Empty: no limit");
        domains.setValue(chosen(domainChoices, campaign.senders().domainIds()));
        mailboxes.setValue(chosen(mailboxChoices, campaign.senders().mailboxIds()));
        newLeadsPerDay.setValue(campaign.limits().newLeadsPerDay());
        touchesPerDay.setValue(campaign.limits().touchesPerDay());
        maxCycles.setValue(campaign.recontact().maxCycles());
        cooldownDays.setValue(campaign.recontact().cooldownDays());
        List.of(domains, mailboxes).forEach(field -> field.setReadOnly(!admin));
        List.of(newLeadsPerDay, touchesPerDay).forEach(field -> field.setReadOnly(!admin));
        fields.put("senders", domains);
        fields.put("limits.newLeadsPerDay", newLeadsPerDay);
        fields.put("limits.touchesPerDay", touchesPerDay);
        fields.put("recontact.maxCycles", maxCycles);
        fields.put("recontact.cooldownDays", cooldownDays);
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new H3("Senders and limits"));
        if (!admin) {
            add(new Paragraph("Only admins change senders and limits."));
        }
        add(new FormLayout(domains, mailboxes, newLeadsPerDay, touchesPerDay), new H3("Re-contact"),
                new Paragraph("A lead who finished the plan without answering starts again after the cooldown, with a new"
                        + " angle, up to this many cycles."), new FormLayout(maxCycles, cooldownDays),
                new H3("Enrollment"), allowActiveElsewhere, companyStop, save);
    }

    private static Set<Choice> chosen(List<Choice> choices, Set<Long> ids) {
        return choices.stream().filter(choice -> ids.contains(choice.id())).collect(Collectors.toSet());
    }

    private static Set<Long> ids(Set<Choice> choices) {
        return choices.stream().map(Choice::id).collect(Collectors.toSet());
    }

    void save() {
        FieldErrors.clear(fields);
        CampaignDraft draft = new CampaignDraft(campaign.name(), campaign.description(), campaign.touches(),
                campaign.schedule(),
                // an operator keeps them as they are, even a sender the lists no longer offer
                admin ? new CampaignSenders(ids(domains.getValue()), ids(mailboxes.getValue())) : campaign.senders(),
                admin ? new CampaignLimits(newLeadsPerDay.getValue(), touchesPerDay.getValue()) : campaign.limits(),
                new RecontactPolicy(Objects.requireNonNullElse(maxCycles.getValue(), -1),
                        Objects.requireNonNullElse(cooldownDays.getValue(), -1)));
        try {
            campaign = campaigns.update(campaign.id(), draft);
            EnrollmentPolicy policy = new EnrollmentPolicy(allowActiveElsewhere.getValue(), companyStop.getValue());
            if (!policy.equals(policies.enrollmentPolicy(campaign.id()))) {
                policies.updateEnrollmentPolicy(campaign.id(), policy);
            }
            Notification.show("Settings saved").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            campaignChanged.run();
        } catch (InvalidInputException refused) {
            FieldErrors.showNotSaved(fields, refused.errors());
        }
    }
}
