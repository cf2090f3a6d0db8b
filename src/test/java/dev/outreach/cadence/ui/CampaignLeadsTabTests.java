package dev.outreach.cadence.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.router.RouteParameters;
import dev.outreach.cadence.CampaignEnrollmentRow;
import dev.outreach.cadence.CampaignEnrollments;
import dev.outreach.cadence.EnrollmentQuery;
import dev.outreach.campaign.CampaignDetails;
import dev.outreach.campaign.CampaignService;
import dev.outreach.campaign.ui.CampaignView;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import dev.outreach.support.KaribuTest;
import dev.outreach.support.Notifications;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CampaignLeadsTabTests extends KaribuTest {

    @Autowired
    CampaignService campaigns;
    @Autowired
    LeadService leads;
    @Autowired
    CampaignEnrollments enrollments;

    @Test
    void tickedLeadsAreAddedAndListedWithTheirTouchAndStatus() {
        String company = "Leads tab Roofing " + System.nanoTime();
        List<Long> ids = createLeads(company, 3);
        CampaignDetails campaign = draft();
        login("olivia", Role.OPERATOR);
        CampaignLeadsPanel panel = openLeadsTab(campaign);

        _click(panel.add);
        AddLeadsDialog dialog = _get(AddLeadsDialog.class);
        _setValue(dialog.search, company);
        assertThat(dialog.count.getText()).isEqualTo("3 leads match");
        GridKt._findAll(dialog.leads).stream().limit(2).forEach(dialog.leads::select);
        _click(dialog.addSelected);

        assertThat(Notifications.texts()).contains("2 leads added");
        List<CampaignEnrollmentRow> rows = GridKt._findAll(panel.grid);
        assertThat(rows).hasSize(2).allSatisfy(row -> {
            assertThat(ids).contains(row.leadId());
            assertThat(row.company()).isEqualTo(company);
            assertThat(row.status()).isEqualTo("COLD");
            assertThat(row.touch()).isZero();
        });
        assertThat(enrolled(campaign)).hasSize(2);
    }

    @Test
    void everyLeadMatchingTheFilterIsAddedByABackgroundJobWithItsCounts() throws InterruptedException {
        String company = "Filter job Plumbing " + System.nanoTime();
        createLeads(company, 7);
        CampaignDetails campaign = draft();
        login("olivia", Role.OPERATOR);
        CampaignLeadsPanel panel = openLeadsTab(campaign);

        _click(panel.add);
        AddLeadsDialog dialog = _get(AddLeadsDialog.class);
        _setValue(dialog.search, company);
        assertThat(dialog.addMatching.getText()).isEqualTo("Add all 7 matching leads");
        _click(dialog.addMatching);

        EnrollmentJobDialog job = _get(EnrollmentJobDialog.class);
        // the dialog polls on the UI's thread, signed in as the operator: as the test does here
        com.vaadin.flow.component.html.Paragraph progress = _get(com.vaadin.flow.component.html.Paragraph.class,
                spec -> spec.withId("enroll-job-status"));
        for (int tries = 0; tries < 150 && !progress.getText().startsWith("Done"); tries++) {
            Thread.sleep(200);
            job.refresh();
        }
        assertThat(progress.getText()).isEqualTo("Done: 7 leads added");
        assertThat(enrolled(campaign)).hasSize(7);
        assertThat(GridKt._size(panel.grid)).isEqualTo(7);
    }

    @Test
    void selectedEnrollmentsArePausedResumedAndRemoved() {
        String company = "Bulk Electric " + System.nanoTime();
        List<Long> ids = createLeads(company, 3);
        CampaignDetails campaign = draft();
        SystemActor.run(() -> enrollmentService().enroll(campaign.id(), ids));
        login("olivia", Role.OPERATOR);
        CampaignLeadsPanel panel = openLeadsTab(campaign);
        assertThat(panel.pause.isEnabled()).as("nothing selected yet").isFalse();

        panel.grid.select(GridKt._get(panel.grid, 0));
        _click(panel.pause);
        assertThat(statuses(panel)).containsExactlyInAnyOrder("PAUSED", "COLD", "COLD");
        _setValue(panel.status, "PAUSED");
        assertThat(GridKt._size(panel.grid)).isEqualTo(1);

        panel.grid.select(GridKt._get(panel.grid, 0));
        _click(panel.resume);
        assertThat(GridKt._size(panel.grid)).isZero();
        _setValue(panel.status, CampaignLeadsPanel.ALL);
        assertThat(statuses(panel)).containsOnly("COLD");

        GridKt._findAll(panel.grid).stream().limit(2).forEach(panel.grid::select);
        _click(panel.remove);
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));

        assertThat(Notifications.texts()).contains("2 leads removed");
        assertThat(enrolled(campaign)).hasSize(1);
        assertThat(GridKt._size(panel.grid)).isEqualTo(1);
    }

    private dev.outreach.cadence.EnrollmentService enrollmentService() {
        return context.getBean(dev.outreach.cadence.EnrollmentService.class);
    }

    private CampaignDetails draft() {
        return SystemActor.call(() -> campaigns.create(campaigns.defaultDraft("Leads " + System.nanoTime(), null, null)));
    }

    private List<Long> createLeads(String company, int count) {
        return IntStream.range(0, count).mapToObj(i -> {
            LeadDraft draft = new LeadDraft();
            draft.setFirstName("Lee" + i);
            draft.setLastName("Tab");
            draft.setCompany(company);
            draft.setEmail("lee" + i + "-" + System.nanoTime() + "@leads-tab.com");
            return SystemActor.call(() -> leads.create(draft));
        }).toList();
    }

    private static CampaignLeadsPanel openLeadsTab(CampaignDetails campaign) {
        UI.getCurrent().navigate(CampaignView.class, new RouteParameters("id", String.valueOf(campaign.id())));
        _get(Tabs.class).setSelectedTab(_get(Tab.class, spec -> spec.withId("tab-leads")));
        return _get(CampaignLeadsPanel.class);
    }

    private List<CampaignEnrollmentRow> enrolled(CampaignDetails campaign) {
        return SystemActor.call(() -> enrollments.page(campaign.id(), EnrollmentQuery.all(), null, 500)).rows();
    }

    private static List<String> statuses(CampaignLeadsPanel panel) {
        return GridKt._findAll(panel.grid).stream().map(CampaignEnrollmentRow::status).toList();
    }
}
