package dev.outreach.campaign.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.outreach.campaign.CampaignDetails;
import dev.outreach.campaign.CampaignEnrollmentPolicies;
import dev.outreach.campaign.CampaignPageTab;
import dev.outreach.campaign.CampaignSenderChoices;
import dev.outreach.campaign.CampaignService;
import dev.outreach.security.Role;
import org.springframework.beans.factory.ObjectProvider;

/** The campaign page's Settings tab: senders, limits, re-contact and enrollment policy. */
@org.springframework.stereotype.Component
class SettingsTab implements CampaignPageTab {

    private final CampaignService campaigns;
    private final CampaignEnrollmentPolicies policies;
    private final ObjectProvider<CampaignSenderChoices> senders;
    private final AuthenticationContext authentication;

    SettingsTab(CampaignService campaigns, CampaignEnrollmentPolicies policies, ObjectProvider<CampaignSenderChoices> senders,
            AuthenticationContext authentication) {
        this.campaigns = campaigns;
        this.policies = policies;
        this.senders = senders;
        this.authentication = authentication;
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public String label() {
        return "Settings";
    }

    @Override
    public Component create(CampaignDetails campaign, Runnable campaignChanged) {
        return new SettingsForm(campaigns, policies, senders.getIfAvailable(), authentication.hasRole(Role.ADMIN_NAME), campaign,
                campaignChanged);
    }
}
