package dev.outreach.campaign.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.H2;
import dev.outreach.campaign.CampaignDetails;
import dev.outreach.campaign.CampaignService;
import dev.outreach.campaign.CampaignStatus;
import dev.outreach.campaign.CampaignSummary;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import dev.outreach.support.KaribuTest;
import dev.outreach.support.Notifications;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CampaignsViewTests extends KaribuTest {

    @Autowired
    CampaignService campaigns;

    @Test
    void anOperatorCreatesACampaignThatStartsAsADraftWithTheUsualPlanAndLandsOnItsPage() {
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(CampaignsView.class);
        String name = "Roofers in <b>Ohio</b> " + System.nanoTime();

        _click(_get(CampaignsView.class).create);
        NewCampaignDialog dialog = _get(NewCampaignDialog.class);
        _setValue(dialog.name, name);
        _setValue(dialog.description, "Spring roof checks");
        _click(dialog.create);

        CampaignSummary created = all().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
        CampaignDetails details = CampaignTestSupport.reread(campaigns, created.id());
        assertThat(details.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(details.owner()).isEqualTo("olivia");
        assertThat(details.touches()).isNotEmpty();
        assertThat(_get(H2.class, spec -> spec.withText(name)).getElement().getOuterHTML())
                .as("the name is text, not markup").contains("&lt;b&gt;Ohio&lt;/b&gt;");
    }

    @Test
    void aNameThatIsTakenIsRefusedOnTheNameFieldAndNothingIsCreated() {
        CampaignDetails existing = CampaignTestSupport.draft(campaigns, "Taken");
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(CampaignsView.class);
        int before = all().size();

        _click(_get(CampaignsView.class).create);
        NewCampaignDialog dialog = _get(NewCampaignDialog.class);
        _setValue(dialog.name, existing.name());
        _click(dialog.create);

        assertThat(dialog.name.isInvalid()).isTrue();
        assertThat(dialog.name.getErrorMessage()).isEqualTo("A campaign named '" + existing.name() + "' already exists");
        assertThat(all()).hasSize(before);
    }

    @Test
    void startListsEveryProblemAndTheCampaignStaysADraft() {
        CampaignDetails empty = SystemActor.call(() -> campaigns.create(new dev.outreach.campaign.CampaignDraft(
                "Empty " + System.nanoTime(), null, List.of(), campaigns.defaultDraft("x", null, null).schedule(),
                dev.outreach.campaign.CampaignSenders.all(), dev.outreach.campaign.CampaignLimits.none(),
                new dev.outreach.campaign.RecontactPolicy(1, 90))));
        List<String> expected = SystemActor.call(() -> campaigns.startProblems(empty.id())).stream()
                .map(dev.outreach.campaign.CampaignProblem::message).toList();
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(CampaignsView.class);
        CampaignsView view = _get(CampaignsView.class);

        select(view, empty.id());
        _click(view.actions.start);

        assertThat(expected).hasSizeGreaterThanOrEqualTo(2);
        assertThat(view.actions.problems.isVisible()).isTrue();
        assertThat(view.actions.problems.getElement().getTextRecursively()).contains(expected);
        assertThat(CampaignTestSupport.reread(campaigns, empty.id()).status()).isEqualTo(CampaignStatus.DRAFT);
    }

    @Test
    void pauseAndResumeFromTheListChangeTheStatusTheGridShows() {
        CampaignDetails running = CampaignTestSupport.active(campaigns, "Running");
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(CampaignsView.class);
        CampaignsView view = _get(CampaignsView.class);

        select(view, running.id());
        assertThat(view.actions.start.isEnabled()).isFalse();
        _click(view.actions.pause);

        assertThat(CampaignTestSupport.reread(campaigns, running.id()).status()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(statusShown(view, running.id())).isEqualTo("PAUSED");
        assertThat(view.actions.resume.isEnabled()).isTrue();

        _click(view.actions.resume);

        assertThat(CampaignTestSupport.reread(campaigns, running.id()).status()).isEqualTo(CampaignStatus.ACTIVE);
        assertThat(statusShown(view, running.id())).isEqualTo("ACTIVE");
    }

    @Test
    void cloneMakesADraftWithTheSamePlanAndOpensIt() {
        CampaignDetails source = CampaignTestSupport.active(campaigns, "Source");
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(CampaignsView.class);
        CampaignsView view = _get(CampaignsView.class);

        select(view, source.id());
        _click(view.actions.copy);
        com.vaadin.flow.component.textfield.TextField name = _get(com.vaadin.flow.component.textfield.TextField.class,
                spec -> spec.withLabel("Name of the copy"));
        _setValue(name, source.name() + " again");
        _click(_get(com.vaadin.flow.component.button.Button.class, spec -> spec.withId("clone-confirm")));

        CampaignSummary copy = all().stream().filter(c -> c.name().equals(source.name() + " again")).findFirst().orElseThrow();
        CampaignDetails copied = CampaignTestSupport.reread(campaigns, copy.id());
        assertThat(copied.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(copied.touches()).isEqualTo(source.touches());
        assertThat(copied.schedule()).isEqualTo(source.schedule());
        assertThat(_get(H2.class, spec -> spec.withText(copied.name()))).isNotNull();
    }

    @Test
    void onlyAnAdminArchivesAndAnArchivedCampaignLeavesTheListUntilAskedFor() {
        CampaignDetails old = CampaignTestSupport.draft(campaigns, "Old");
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(CampaignsView.class);
        assertThat(_get(CampaignsView.class).actions.archive.isVisible()).isFalse();

        login("ada", Role.ADMIN);
        UI.getCurrent().navigate(CampaignsView.class);
        CampaignsView view = _get(CampaignsView.class);
        select(view, old.id());
        _click(view.actions.archive);
        com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt._fireConfirm(_get(com.vaadin.flow.component.confirmdialog.ConfirmDialog.class));

        assertThat(CampaignTestSupport.reread(campaigns, old.id()).status()).isEqualTo(CampaignStatus.ARCHIVED);
        assertThat(ids(view)).doesNotContain(old.id());
        _setValue(view.showArchived, true);
        assertThat(ids(view)).contains(old.id());
        assertThat(Notifications.texts()).anyMatch(text -> text.endsWith(" archived"));
    }

    private List<CampaignSummary> all() {
        return SystemActor.call(() -> campaigns.findAll(true));
    }

    private static List<Long> ids(CampaignsView view) {
        return GridKt._findAll(view.grid).stream().map(row -> row.campaign().id()).toList();
    }

    private static void select(CampaignsView view, long id) {
        view.grid.select(GridKt._findAll(view.grid).stream().filter(row -> row.campaign().id() == id).findFirst().orElseThrow());
    }

    private static String statusShown(CampaignsView view, long id) {
        return GridKt._findAll(view.grid).stream().filter(row -> row.campaign().id() == id).findFirst().orElseThrow()
                .campaign().status().name();
    }
}
