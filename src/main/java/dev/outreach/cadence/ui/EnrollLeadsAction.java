package dev.outreach.cadence.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import dev.outreach.cadence.EnrollmentService;
import dev.outreach.campaign.CampaignService;
import dev.outreach.campaign.CampaignSummary;
import dev.outreach.lead.LeadBulkAction;
import dev.outreach.lead.LeadSelection;
import dev.outreach.lead.LeadService;
import dev.outreach.shared.InvalidInputException;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * "Enroll in campaign" on the leads grid: a dialog to choose the campaign (or none: unbound,
 * on the default sequence), then the enrollment service, whose summary (enrolled, already
 * enrolled, refused and why) is shown.
 */
@Component
class EnrollLeadsAction implements LeadBulkAction {

    /** The choice "no campaign" in the combo box. */
    static final CampaignSummary UNBOUND = new CampaignSummary(null, "No campaign (default sequence)", dev.outreach.campaign.CampaignStatus.ACTIVE, null);

    private final EnrollmentService enrollments;
    private final CampaignService campaigns;
    private final LeadService leads;

    EnrollLeadsAction(EnrollmentService enrollments, CampaignService campaigns, LeadService leads) {
        this.enrollments = enrollments;
        this.campaigns = campaigns;
        this.leads = leads;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public String label() {
        return "Enroll in campaign";
    }

    @Override
    public void run(LeadSelection selection, Runnable done) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Enroll " + selection.describe());
        ComboBox<CampaignSummary> campaign = new ComboBox<>("Campaign");
        List<CampaignSummary> choices = new java.util.ArrayList<>(campaigns.findAll());
        choices.add(UNBOUND);
        campaign.setItems(choices);
        campaign.setItemLabelGenerator(CampaignSummary::name);
        campaign.setRequiredIndicatorVisible(true);
        campaign.setWidthFull();
        campaign.setId("enroll-campaign");
        Button enroll = new Button("Enroll", click -> {
            if (campaign.getValue() == null) {
                campaign.setInvalid(true);
                campaign.setErrorMessage("Choose a campaign, or no campaign");
                return;
            }
            try {
                EnrollmentService.Result result = enrollments.enroll(leads.ids(selection), campaign.getValue().id());
                Notification.show(result.summary()).addThemeVariants(result.refused().isEmpty()
                        ? NotificationVariant.LUMO_SUCCESS : NotificationVariant.LUMO_WARNING);
                dialog.close();
                done.run();
            } catch (InvalidInputException e) {
                Notification.show(e.errors().getFirst().message()).addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        enroll.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        enroll.setId("enroll-confirm");
        dialog.add(new Paragraph("Each lead starts at its first touch on the next sequencer tick. Leads without an email"
                + " address are not enrolled; leads already in the campaign keep their progress."), campaign);
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), enroll);
        dialog.open();
    }
}
