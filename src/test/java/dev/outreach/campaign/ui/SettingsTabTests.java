package dev.outreach.campaign.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.campaign.CampaignDetails;
import dev.outreach.campaign.CampaignEnrollmentPolicies;
import dev.outreach.campaign.EnrollmentPolicy;
import dev.outreach.campaign.CampaignLimits;
import dev.outreach.campaign.CampaignService;
import dev.outreach.campaign.RecontactPolicy;
import dev.outreach.security.Role;
import dev.outreach.support.KaribuTest;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SettingsTabTests extends KaribuTest {

    @Autowired
    CampaignService campaigns;
    @Autowired
    CampaignEnrollmentPolicies policies;

    @Test
    void anAdminChoosesAMailboxAndLimits() {
        CampaignDetails campaign = CampaignTestSupport.draft(campaigns, "Senders");
        login("ada", Role.ADMIN);
        CampaignTestSupport.open(campaign.id(), "Settings");
        SettingsForm form = _get(SettingsForm.class);
        var mailbox = form.mailboxes.getListDataView().getItems().findFirst().orElseThrow();

        _setValue(form.mailboxes, Set.of(mailbox));
        _setValue(form.newLeadsPerDay, 40);
        _setValue(form.touchesPerDay, 120);
        _click(form.save);

        CampaignDetails saved = CampaignTestSupport.reread(campaigns, campaign.id());
        assertThat(saved.senders().mailboxIds()).containsExactly(mailbox.id());
        assertThat(saved.senders().domainIds()).isEmpty();
        assertThat(saved.limits()).isEqualTo(new CampaignLimits(40, 120));
    }

    @Test
    void anOperatorReadsSendersAndLimitsAndChangesTheReContactPolicy() {
        CampaignDetails campaign = CampaignTestSupport.draft(campaigns, "Re-contact");
        login("olivia", Role.OPERATOR);
        CampaignTestSupport.open(campaign.id(), "Settings");
        SettingsForm form = _get(SettingsForm.class);

        assertThat(form.mailboxes.isReadOnly()).isTrue();
        assertThat(form.domains.isReadOnly()).isTrue();
        assertThat(form.newLeadsPerDay.isReadOnly()).isTrue();
        _setValue(form.maxCycles, 2);
        _setValue(form.cooldownDays, 45);
        _setValue(form.allowActiveElsewhere, true);
        _setValue(form.companyStop, EnrollmentPolicy.CompanyStop.EMAIL_DOMAIN);
        _click(form.save);

        CampaignDetails saved = CampaignTestSupport.reread(campaigns, campaign.id());
        assertThat(saved.recontact()).isEqualTo(new RecontactPolicy(2, 45));
        assertThat(policies.enrollmentPolicy(campaign.id()))
                .isEqualTo(new EnrollmentPolicy(true, EnrollmentPolicy.CompanyStop.EMAIL_DOMAIN));
        assertThat(saved.senders()).isEqualTo(campaign.senders());
    }

    @Test
    void aCooldownOutOfRangeIsRefusedOnItsField() {
        CampaignDetails campaign = CampaignTestSupport.draft(campaigns, "Cooldown");
        login("olivia", Role.OPERATOR);
        CampaignTestSupport.open(campaign.id(), "Settings");
        SettingsForm form = _get(SettingsForm.class);

        _setValue(form.cooldownDays, 0);
        _click(form.save);

        assertThat(form.cooldownDays.isInvalid()).isTrue();
        assertThat(form.cooldownDays.getErrorMessage()).isEqualTo("Give 1 to 3650 days");
        assertThat(CampaignTestSupport.reread(campaigns, campaign.id()).recontact()).isEqualTo(campaign.recontact());
    }
}
