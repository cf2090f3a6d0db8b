package dev.outreach.cadence.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.UI;
import dev.outreach.cadence.EnrollmentJobs;
import dev.outreach.cadence.EnrollmentService;
import dev.outreach.campaign.CampaignService;
import dev.outreach.campaign.CampaignSummary;
import dev.outreach.lead.LeadBulkAction;
import dev.outreach.lead.LeadSelection;
import dev.outreach.shared.InvalidInputException;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * "Add to campaign" on the leads grid and a lead's page: a dialog to choose the campaign (or, for
 * chosen leads, none: unbound, on the default sequence). Chosen leads are enrolled at once and the
 * summary (enrolled, already enrolled, refused and why) is shown; every lead matching the grid's
 * filter is added by a background job whose progress and final counts the dialog shows.
 */
@Component
class EnrollLeadsAction implements LeadBulkAction {

    /** The choice "no campaign" in the combo box. */
    static final CampaignSummary UNBOUND = new CampaignSummary(null, "No campaign (default sequence)", dev.outreach.campaign.CampaignStatus.ACTIVE, null);

    private final EnrollmentService enrollments;
    private final EnrollmentJobs jobs;
    private final CampaignService campaigns;

    EnrollLeadsAction(EnrollmentService enrollments, EnrollmentJobs jobs, CampaignService campaigns) {
        this.enrollments = enrollments;
        this.jobs = jobs;
        this.campaigns = campaigns;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public String label() {
        return "Add to campaign";
    }

    @Override
    public void run(LeadSelection selection, Runnable done) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Add " + selection.describe() + " to a campaign");
        ComboBox<CampaignSummary> campaign = new ComboBox<>("Campaign");
        List<CampaignSummary> choices = new java.util.ArrayList<>(campaigns.findAll());
        if (!selection.allMatching()) {
            choices.add(UNBOUND);
        }
        campaign.setItems(choices);
        campaign.setItemLabelGenerator(CampaignSummary::name);
        campaign.setRequiredIndicatorVisible(true);
        campaign.setWidthFull();
        campaign.setId("enroll-campaign");
        Button enroll = new Button("Add", click -> {
            if (campaign.getValue() == null) {
                campaign.setInvalid(true);
                campaign.setErrorMessage("Choose a campaign, or no campaign");
                return;
            }
            if (selection.allMatching()) {
                startJob(selection, campaign.getValue(), dialog, done);
                return;
            }
            try {
                EnrollmentService.Result result = enrollments.enroll(selection.ids(), campaign.getValue().id());
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
                + " address, unsubscribed, bounced or suppressed are not added, nor (unless the campaign allows it) leads"
                + " running in another campaign; leads already in the campaign keep their progress."), campaign);
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), enroll);
        dialog.open();
    }

    private void startJob(LeadSelection selection, CampaignSummary campaign, Dialog dialog, Runnable done) {
        try {
            UUID job = jobs.startByFilter(campaign.id(), selection.filter());
            dialog.close();
            new EnrollmentJobDialog(jobs, job, campaign.name(), done).start(UI.getCurrent());
        } catch (InvalidInputException e) {
            Notification.show(e.errors().getFirst().message()).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }
}
