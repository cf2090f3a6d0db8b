package dev.outreach.campaign.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.campaign.CampaignDetails;
import dev.outreach.campaign.CampaignSchedule;
import dev.outreach.campaign.CampaignService;
import dev.outreach.security.Role;
import dev.outreach.support.KaribuTest;
import java.time.DayOfWeek;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ScheduleTabTests extends KaribuTest {

    @Autowired
    CampaignService campaigns;

    @Test
    void anOperatorSetsDaysHoursAndZone() {
        CampaignDetails campaign = CampaignTestSupport.draft(campaigns, "Schedule");
        login("olivia", Role.OPERATOR);
        CampaignTestSupport.open(campaign.id(), "Schedule");
        ScheduleForm form = _get(ScheduleForm.class);

        _setValue(form.sendDays, Set.of(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY));
        _setValue(form.startHour, 10);
        _setValue(form.endHour, 15);
        _setValue(form.timeZone, "Europe/Berlin");
        _click(form.save);

        assertThat(CampaignTestSupport.reread(campaigns, campaign.id()).schedule()).isEqualTo(
                new CampaignSchedule(Set.of(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY), 10, 15, "Europe/Berlin"));
    }

    @Test
    void anEndBeforeTheStartIsRefusedOnTheEndFieldAndNothingChanges() {
        CampaignDetails campaign = CampaignTestSupport.draft(campaigns, "Bad window");
        login("olivia", Role.OPERATOR);
        CampaignTestSupport.open(campaign.id(), "Schedule");
        ScheduleForm form = _get(ScheduleForm.class);

        _setValue(form.startHour, 16);
        _setValue(form.endHour, 9);
        _click(form.save);

        assertThat(form.endHour.isInvalid()).isTrue();
        assertThat(form.endHour.getErrorMessage()).isEqualTo("Give an hour after the start, at most 24");
        assertThat(CampaignTestSupport.reread(campaigns, campaign.id()).schedule()).isEqualTo(campaign.schedule());
    }
}
