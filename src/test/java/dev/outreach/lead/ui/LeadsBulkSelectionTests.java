package dev.outreach.lead.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.PollEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import dev.outreach.campaign.CampaignSummary;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadFilter;
import dev.outreach.lead.LeadService;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import dev.outreach.support.KaribuTest;
import dev.outreach.support.Notifications;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** "Select all N matching" on the leads grid: bulk actions on every lead of the filter, not the loaded rows. */
class LeadsBulkSelectionTests extends KaribuTest {

    /** More than the grid loads at once (a page is 50 rows). */
    private static final int MATCHING = 120;

    @Autowired
    LeadService leads;
    @Autowired
    JdbcClient jdbc;

    private final String token = "bulk" + Long.toString(System.nanoTime(), 36);

    @BeforeEach
    void leadsOfOneCompany() {
        IntStream.range(0, MATCHING).forEach(i -> {
            LeadDraft draft = new LeadDraft();
            draft.setFirstName("Bea" + i);
            draft.setCompany("Tally " + token);
            draft.setEmail("bea" + i + "@" + token + ".example.com");
            SystemActor.call(() -> leads.create(draft));
        });
    }

    @Test
    void anOperatorAddsEveryLeadMatchingTheFilterAndSeesTheJobFinish() throws InterruptedException {
        login("olivia", Role.OPERATOR);
        LeadsView view = openFiltered();
        Button enroll = _get(Button.class, spec -> spec.withText("Add to campaign"));
        assertThat(enroll.isEnabled()).isFalse();
        assertThat(view.allMatching.getLabel()).isEqualTo("Select all " + MATCHING + " matching");

        _setValue(view.allMatching, true);
        assertThat(enroll.isEnabled()).isTrue();
        _click(enroll);

        assertThat(_get(Dialog.class).getHeaderTitle()).isEqualTo("Add all " + MATCHING + " leads matching the filter to a campaign");
        @SuppressWarnings("unchecked")
        ComboBox<CampaignSummary> campaign = _get(ComboBox.class, spec -> spec.withId("enroll-campaign"));
        assertThat(campaign.getListDataView().getItems()).as("a job adds to a campaign, never unbound")
                .allMatch(c -> c.id() != null);
        CampaignSummary chosen = campaign.getListDataView().getItems().findFirst().orElseThrow();
        campaign.setValue(chosen);
        _click(_get(Button.class, spec -> spec.withId("enroll-confirm")));

        assertThat(_get(Dialog.class).getHeaderTitle()).isEqualTo("Adding leads to " + chosen.name());
        assertThat(UI.getCurrent().getPollInterval()).as("the dialog polls the job").isPositive();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (enrolled(chosen.id()) < MATCHING && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(enrolled(chosen.id())).isEqualTo(MATCHING);
        String status = "";
        while (!status.startsWith("Done") && System.nanoTime() < deadline) {
            ComponentUtil.fireEvent(UI.getCurrent(), new PollEvent(UI.getCurrent(), true));
            status = _get(Paragraph.class, spec -> spec.withId("enroll-job-status")).getText();
            Thread.sleep(50);
        }
        assertThat(status).isEqualTo("Done: " + MATCHING + " leads added");
        assertThat(Notifications.texts()).contains(MATCHING + " leads added");
        assertThat(UI.getCurrent().getPollInterval()).as("polling stops with the job").isNegative();
        assertThat(view.allMatching.getValue()).isFalse();
    }

    private int enrolled(long campaignId) {
        return jdbc.sql("select count(*) from enrollment e join lead l on l.id = e.lead_id"
                        + " where e.campaign_id = :c and l.company = :company")
                .param("c", campaignId).param("company", "Tally " + token).query(Integer.class).single();
    }

    @Test
    void tickingARowMeansThatRowAndNotAllMatching() {
        login("olivia", Role.OPERATOR);
        LeadsView view = openFiltered();
        _setValue(view.allMatching, true);

        view.grid.select(GridKt._get(view.grid, 0));

        assertThat(view.allMatching.getValue()).isFalse();
        assertThat(view.selection().describe()).isEqualTo("1 lead");
    }

    @Test
    void anAdminDeletesEveryLeadMatchingTheFilterAfterConfirming() {
        login("ada", Role.ADMIN);
        LeadsView view = openFiltered();
        _setValue(view.allMatching, true);

        _click(view.deleteSelected);
        ConfirmDialog confirm = _get(ConfirmDialog.class);
        assertThat(confirm.getElement().getProperty("header")).isEqualTo("Delete all " + MATCHING + " leads matching the filter?");
        assertThat(matching()).as("nothing deleted before confirming").isEqualTo(MATCHING);
        ConfirmDialogKt._fireConfirm(confirm);

        assertThat(matching()).isZero();
        assertThat(Notifications.texts()).contains("Deleted " + MATCHING + " leads");
        assertThat(view.count.getText()).isEqualTo("0 leads");
    }

    @Test
    void operatorsHaveNoBulkDelete() {
        login("olivia", Role.OPERATOR);
        LeadsView view = openFiltered();

        assertThat(view.deleteSelected.isAttached()).isFalse();
    }

    private LeadsView openFiltered() {
        UI.getCurrent().navigate(LeadsView.class);
        LeadsView view = _get(LeadsView.class);
        _setValue(view.search, "tally " + token);
        return view;
    }

    private int matching() {
        return SystemActor.call(() -> leads.count(LeadFilter.all().withText("tally " + token)));
    }
}
