package dev.outreach.campaign.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.campaign.CampaignDetails;
import dev.outreach.campaign.CampaignService;
import dev.outreach.campaign.CampaignTouch;
import dev.outreach.security.Role;
import dev.outreach.support.KaribuTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class TouchPlanTabTests extends KaribuTest {

    @Autowired
    CampaignService campaigns;

    @Test
    void anOperatorAddsAFinalGatedTouchMovesItAndSavesThePlan() {
        CampaignDetails campaign = CampaignTestSupport.draft(campaigns, "Plan");
        int before = campaign.touches().size();
        login("olivia", Role.OPERATOR);
        CampaignTestSupport.open(campaign.id(), "Touches");
        TouchPlanEditor plan = _get(TouchPlanEditor.class);
        assertThat(plan.touches).hasSize(before);

        _click(plan.addTouch);
        TouchEditor added = plan.touches.getLast();
        _setValue(added.messageType, "case_study");
        _setValue(added.delayHours, 96);
        _setValue(added.engagementGate, true);
        plan.move(added, -1);
        _click(plan.save);

        CampaignDetails saved = CampaignTestSupport.reread(campaigns, campaign.id());
        assertThat(saved.touches()).hasSize(before + 1);
        CampaignTouch moved = saved.touches().get(before - 1);
        assertThat(moved.order()).isEqualTo(before);
        assertThat(moved.messageType()).isEqualTo("case_study");
        assertThat(moved.delayHours()).isEqualTo(96);
        assertThat(moved.engagementGate()).isTrue();
        assertThat(saved.touches().getLast().messageType()).isEqualTo(campaign.touches().getLast().messageType());
    }

    @Test
    void aBadDelayIsShownOnItsFieldAsTheOperatorTypesAndASaveChangesNothing() {
        CampaignDetails campaign = CampaignTestSupport.draft(campaigns, "Bad delay");
        login("olivia", Role.OPERATOR);
        CampaignTestSupport.open(campaign.id(), "Touches");
        TouchPlanEditor plan = _get(TouchPlanEditor.class);
        TouchEditor second = plan.touches.get(1);

        _setValue(second.delayHours, 5000);

        assertThat(second.delayHours.isInvalid()).as("checked live, before any save").isTrue();
        assertThat(second.delayHours.getErrorMessage()).isEqualTo("Give 0 to 720 hours");
        assertThat(plan.touches.getFirst().delayHours.isInvalid()).isFalse();

        _click(plan.save);

        assertThat(CampaignTestSupport.reread(campaigns, campaign.id()).touches()).isEqualTo(campaign.touches());
        _setValue(second.delayHours, 48);
        assertThat(second.delayHours.isInvalid()).isFalse();
    }

    @Test
    void removingEveryTouchIsSavedAndStartThenNamesTheMissingTouch() {
        CampaignDetails campaign = CampaignTestSupport.draft(campaigns, "No touch");
        login("olivia", Role.OPERATOR);
        CampaignView view = CampaignTestSupport.open(campaign.id(), "Touches");
        TouchPlanEditor plan = _get(TouchPlanEditor.class);

        while (!plan.touches.isEmpty()) {
            _click(plan.touches.getFirst().remove);
        }
        _click(plan.save);
        assertThat(CampaignTestSupport.reread(campaigns, campaign.id()).touches()).isEmpty();

        _click(_get(CampaignActions.class).start);

        assertThat(_get(CampaignActions.class).problems.getElement().getTextRecursively()).containsIgnoringCase("touch");
        assertThat(view.sheet.getSelectedTab().getLabel()).as("the page stays on the tab").isEqualTo("Touches");
    }
}
