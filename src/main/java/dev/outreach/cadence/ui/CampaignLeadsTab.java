package dev.outreach.cadence.ui;

import com.vaadin.flow.component.Component;
import dev.outreach.cadence.CampaignEnrollments;
import dev.outreach.cadence.EnrollmentJobs;
import dev.outreach.cadence.EnrollmentService;
import dev.outreach.campaign.CampaignDetails;
import dev.outreach.campaign.CampaignPageTab;
import dev.outreach.lead.LeadService;

/** The campaign page's Leads tab: its enrollments, bulk actions on them, and adding leads. */
@org.springframework.stereotype.Component
class CampaignLeadsTab implements CampaignPageTab {

    private final CampaignEnrollments enrollments;
    private final EnrollmentService enrollmentService;
    private final EnrollmentJobs jobs;
    private final LeadService leads;

    CampaignLeadsTab(CampaignEnrollments enrollments, EnrollmentService enrollmentService, EnrollmentJobs jobs,
            LeadService leads) {
        this.enrollments = enrollments;
        this.enrollmentService = enrollmentService;
        this.jobs = jobs;
        this.leads = leads;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public String label() {
        return "Leads";
    }

    @Override
    public Component create(CampaignDetails campaign, Runnable campaignChanged) {
        return new CampaignLeadsPanel(enrollments, enrollmentService, campaign, () -> new AddLeadsDialog(leads,
                enrollmentService, jobs, campaign));
    }
}
