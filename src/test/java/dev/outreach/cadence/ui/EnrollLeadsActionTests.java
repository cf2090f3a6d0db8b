package dev.outreach.cadence.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.ListItem;
import dev.outreach.campaign.CampaignSummary;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadFilter;
import dev.outreach.lead.LeadRow;
import dev.outreach.lead.LeadService;
import dev.outreach.lead.ui.LeadDetailView;
import dev.outreach.lead.ui.LeadsView;
import java.util.UUID;
import dev.outreach.security.Role;
import dev.outreach.support.KaribuTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The leads grid's "Add to campaign" action, as an operator uses it. */
class EnrollLeadsActionTests extends KaribuTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LeadService leads;

    @Test
    void enrollsTheSelectedLeadsInTheChosenCampaign() {
        login("olivia", Role.OPERATOR);
        String token = "sel" + UUID.randomUUID().toString().substring(0, 8);
        for (String name : List.of("Ada", "Bo")) {
            LeadDraft draft = new LeadDraft();
            draft.setFirstName(name);
            draft.setLastName(token);
            draft.setEmail(name.toLowerCase() + "." + token + "@example.com");
            leads.create(draft);
        }
        UI.getCurrent().navigate(LeadsView.class);
        LeadsView view = _get(LeadsView.class);
        _setValue(_get(com.vaadin.flow.component.textfield.TextField.class, spec -> spec.withPlaceholder("Search name, company, email")), token);
        @SuppressWarnings("unchecked")
        Grid<LeadRow> grid = view.getChildren().filter(Grid.class::isInstance).map(Grid.class::cast)
                .findFirst().orElseThrow();
        Button action = _get(Button.class, spec -> spec.withText("Add to campaign"));
        assertThat(action.isEnabled()).isFalse();
        LeadRow first = GridKt._get(grid, 0);
        LeadRow second = GridKt._get(grid, 1);
        grid.select(first);
        grid.select(second);
        assertThat(action.isEnabled()).isTrue();

        _click(action);
        @SuppressWarnings("unchecked")
        ComboBox<CampaignSummary> campaign = _get(ComboBox.class, spec -> spec.withId("enroll-campaign"));
        CampaignSummary chosen = campaign.getListDataView().getItems()
                .filter(c -> c.id() != null).findFirst().orElseThrow();
        campaign.setValue(chosen);
        _click(_get(Button.class, spec -> spec.withId("enroll-confirm")));

        List<Long> enrolled = jdbc.sql("select lead_id from enrollment where campaign_id = :c and lead_id in (:ids) order by lead_id")
                .param("c", chosen.id()).param("ids", List.of(first.id(), second.id())).query(Long.class).list();
        assertThat(enrolled).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(jdbc.sql("select count(*) from enrollment where lead_id in (:ids) and campaign_id = :c and status = 'COLD'")
                .param("ids", List.of(first.id(), second.id())).param("c", chosen.id()).query(Integer.class).single())
                .isEqualTo(2);
        assertThat(grid.getSelectedItems()).isEmpty();
    }

    @Test
    void aLeadEnrolledFromItsPageIsInTheCampaignOnItsPageAndInTheGridsCampaignFilter() {
        login("olivia", Role.OPERATOR);
        String token = UUID.randomUUID().toString().substring(0, 8);
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("Rosa");
        draft.setLastName("Campaign " + token);
        draft.setEmail("rosa." + token + "@example.com");
        long leadId = leads.create(draft);
        UI.getCurrent().navigate(LeadDetailView.class, leadId);
        assertThat(_get(com.vaadin.flow.component.html.Span.class, spec -> spec.withText("Not enrolled in any campaign.")).isVisible()).isTrue();

        _click(_get(Button.class, spec -> spec.withText("Add to campaign")));
        @SuppressWarnings("unchecked")
        ComboBox<CampaignSummary> campaign = _get(ComboBox.class, spec -> spec.withId("enroll-campaign"));
        CampaignSummary chosen = campaign.getListDataView().getItems()
                .filter(c -> c.id() != null).findFirst().orElseThrow();
        campaign.setValue(chosen);
        _click(_get(Button.class, spec -> spec.withId("enroll-confirm")));

        assertThat(com.github.mvysny.kaributesting.v10.LocatorJ._find(ListItem.class)).extracting(ListItem::getText)
                .anySatisfy(text -> assertThat(text).startsWith(chosen.name() + ": Cold, touch 0, enrolled "));
        assertThat(leads.page(LeadFilter.all().withCampaign(chosen.id()).withText(token),
                dev.outreach.lead.LeadSort.CREATED, true, 0, 10)).extracting(LeadRow::id).containsExactly(leadId);
    }
}
