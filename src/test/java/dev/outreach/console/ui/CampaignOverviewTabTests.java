package dev.outreach.console.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.RouteParameters;
import dev.outreach.cadence.EnrollmentService;
import dev.outreach.cadence.SequencerTick;
import dev.outreach.campaign.CampaignDetails;
import dev.outreach.campaign.CampaignSchedule;
import dev.outreach.campaign.CampaignService;
import dev.outreach.campaign.ui.CampaignView;
import dev.outreach.events.EmailEventIngestion;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import dev.outreach.support.KaribuTest;
import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The campaign page's Overview tab, drawn by this module from the campaign statistics. */
class CampaignOverviewTabTests extends KaribuTest {

    @Autowired
    CampaignService campaigns;
    @Autowired
    EnrollmentService enrollments;
    @Autowired
    LeadService leads;
    @Autowired
    SequencerTick tick;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    EmailEventIngestion ingestion;

    @Test
    void theOverviewShowsTheFunnelTheTouchesQueuedTheDailyChartAndWhyLeadsWait() {
        CampaignDetails campaign = runningAllDay("Overview <i>of</i> roofs " + System.nanoTime());
        SystemActor.run(() -> enrollments.enroll(campaign.id(), newLeads(3)));
        SystemActor.call(() -> campaigns.start(campaign.id()));
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(CampaignView.class, new RouteParameters("id", String.valueOf(campaign.id())));

        CampaignOverviewPanel overview = _get(CampaignOverviewPanel.class);
        String funnel = overview.funnel.getElement().getOuterHTML();
        assertThat(funnel).contains(">Enrolled</text>").contains(">3</text>");
        String chart = overview.daily.getElement().getOuterHTML();
        assertThat(chart).contains("<svg").contains("Overview &lt;i&gt;of&lt;/i&gt; roofs").doesNotContain("<i>of</i>");
        assertThat(overview.waiting.getElement().getTextRecursively()).isNotBlank();

        SystemActor.call(tick::runNow);
        _click(overview.refresh);

        assertThat(GridKt._findAll(overview.byTouch)).extracting(CampaignOverviewPanel.Line::label).contains("Touch 1");
        assertThat(GridKt._findAll(overview.byChannel)).extracting(CampaignOverviewPanel.Line::label).contains("Email");
    }

    @Test
    void theOverviewShowsTheReplyPositiveAndMeetingRatesInTotalPerTouchAndPerChannel() {
        RepliedCampaign campaign = new RepliedCampaign(jdbc, transaction, ingestion, "Replies <b>of</b> gutters " + System.nanoTime(), 4);
        campaign.reply(0, "Sounds interesting, tell me more.");
        campaign.reply(1, "Could we schedule a call next week?");
        campaign.reply(2, "No thanks, we are all set.");
        login("olivia", Role.OPERATOR);

        UI.getCurrent().navigate(CampaignView.class, new RouteParameters("id", String.valueOf(campaign.id)));

        CampaignOverviewPanel overview = _get(CampaignOverviewPanel.class);
        assertThat(overview.replies.getText()).isEqualTo("Of 4 contacted leads: 75.0% replied, 50.0% positive"
                + " (interested or asking for a meeting), 25.0% asked for a meeting.");
        assertThat(GridKt._findAll(overview.byTouch)).extracting(CampaignOverviewPanel.Line::label).containsExactly("Touch 1");
        assertThat(List.of(GridKt._getFormatted(overview.byTouch, 0, "reply-rate"), GridKt._getFormatted(overview.byTouch, 0,
                "positive"), GridKt._getFormatted(overview.byTouch, 0, "meetings"))).containsExactly("75.0%", "50.0%", "25.0%");
        assertThat(GridKt._getFormatted(overview.byChannel, 0, "label")).isEqualTo("Email");
        assertThat(GridKt._getFormatted(overview.byChannel, 0, "positive")).isEqualTo("50.0%");
    }

    @Test
    void theCommandCentersDryRunLinksEachCampaignsLineToItsPage() {
        CampaignDetails campaign = runningAllDay("Dry run " + System.nanoTime());
        SystemActor.run(() -> enrollments.enroll(campaign.id(), newLeads(2)));
        SystemActor.call(() -> campaigns.start(campaign.id()));
        login("olivia", Role.OPERATOR);

        UI.getCurrent().navigate("");

        CommandCenterView view = _get(CommandCenterView.class);
        assertThat(com.github.mvysny.kaributesting.v10.LocatorJ._find(view.nextTickByCampaign,
                com.vaadin.flow.component.html.Anchor.class)).anySatisfy(link -> {
                    assertThat(link.getHref()).isEqualTo("campaigns/" + campaign.id());
                    assertThat(link.getText()).isEqualTo(campaign.name());
                });
    }

    private CampaignDetails runningAllDay(String name) {
        return SystemActor.call(() -> {
            var draft = campaigns.defaultDraft(name, null, "UTC");
            draft = new dev.outreach.campaign.CampaignDraft(draft.name(), null, draft.touches(),
                    new CampaignSchedule(EnumSet.allOf(DayOfWeek.class), 0, 24, "UTC"), draft.senders(), draft.limits(),
                    draft.recontact());
            CampaignDetails created = campaigns.create(draft);
            return created;
        });
    }

    private List<Long> newLeads(int count) {
        return IntStream.range(0, count).mapToObj(i -> {
            LeadDraft draft = new LeadDraft();
            draft.setFirstName("Ova" + i);
            draft.setLastName("View");
            draft.setCompany("Overview Roofing");
            draft.setEmail("ova" + i + "-" + System.nanoTime() + "@overview-roofing.com");
            return SystemActor.call(() -> leads.create(draft));
        }).toList();
    }
}
