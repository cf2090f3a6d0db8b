package dev.outreach.campaign.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.outreach.campaign.CampaignDetails;
import dev.outreach.campaign.CampaignListFigures;
import dev.outreach.campaign.CampaignListFigures.Figures;
import dev.outreach.campaign.CampaignService;
import dev.outreach.campaign.CampaignStatus;
import dev.outreach.campaign.CampaignSummary;
import dev.outreach.security.Role;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The campaigns an operator works in: each with its status and how it is doing (leads,
 * contacted, replies, reply and bounce rates, last activity), created, started, paused, resumed,
 * cloned and (admins) archived from here. Figures are read for the page the grid shows.
 */
@Route("campaigns")
@PageTitle("Campaigns | Outreach Engine")
@Menu(order = 5, icon = "vaadin:flag-o", title = "Campaigns")
@PermitAll
public class CampaignsView extends VerticalLayout {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
            .withLocale(Locale.US).withZone(ZoneId.systemDefault());

    /** One line of the grid: the campaign and its figures (null when nothing counts them). */
    record Row(CampaignSummary campaign, Figures figures) {

        /** The same campaign, whatever its figures or status now: the selection survives a refresh. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Row row && row.campaign().id().equals(campaign.id());
        }

        @Override
        public int hashCode() {
            return campaign.id().hashCode();
        }
    }

    private final transient CampaignService campaigns;
    private final transient CampaignListFigures figures;
    final Grid<Row> grid = new Grid<>();
    final Button create = new Button("New campaign", new Icon(VaadinIcon.PLUS), click -> openNewCampaign());
    final Checkbox showArchived = new Checkbox("Show archived");
    final CampaignActions actions;

    public CampaignsView(CampaignService campaigns, ObjectProvider<CampaignListFigures> figures,
            AuthenticationContext authentication) {
        this.campaigns = campaigns;
        this.figures = figures.getIfAvailable();
        this.actions = new CampaignActions(campaigns, authentication.hasRole(Role.ADMIN_NAME), this::changed);
        addClassName("view");
        setSizeFull();
        configureGrid();
        showArchived.addValueChangeListener(change -> grid.getDataProvider().refreshAll());
        HorizontalLayout toolbar = new HorizontalLayout(create, showArchived);
        toolbar.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        add(new H2("Campaigns"), toolbar, actions, grid);
    }

    private void configureGrid() {
        grid.addComponentColumn(row -> new RouterLink(row.campaign().name(), CampaignView.class,
                new RouteParameters("id", String.valueOf(row.campaign().id())))).setHeader("Name").setKey("name")
                .setFlexGrow(3);
        grid.addComponentColumn(row -> CampaignView.statusBadge(status(row.campaign()))).setHeader("Status").setKey("status");
        grid.addColumn(row -> figure(row, Figures::leads)).setHeader("Leads").setKey("leads");
        grid.addColumn(row -> figure(row, Figures::contacted)).setHeader("Contacted").setKey("contacted");
        grid.addColumn(row -> figure(row, Figures::replies)).setHeader("Replies").setKey("replies");
        grid.addColumn(row -> rate(row, Figures::replyRate)).setHeader("Reply rate").setKey("replyRate");
        grid.addColumn(row -> rate(row, Figures::bounceRate)).setHeader("Bounce rate").setKey("bounceRate");
        grid.addColumn(row -> row.figures() == null || row.figures().lastActivity() == null ? ""
                : TIME.format(row.figures().lastActivity())).setHeader("Last activity").setKey("lastActivity").setFlexGrow(2);
        grid.setItems(query -> page(query.getOffset(), query.getLimit()));
        grid.asSingleSelect().addValueChangeListener(change -> select(change.getValue()));
        grid.setSizeFull();
    }

    /** One page of campaigns with their figures, read in one call for the page. */
    private Stream<Row> page(int offset, int limit) {
        List<CampaignSummary> shown = campaigns.findAll(showArchived.getValue()).stream().skip(offset).limit(limit).toList();
        Map<Long, Figures> counted = figures == null || shown.isEmpty() ? Map.of()
                : figures.figures(shown.stream().map(CampaignSummary::id).toList());
        return shown.stream().map(campaign -> new Row(campaign, counted.get(campaign.id())));
    }

    private void select(Row row) {
        if (row == null) {
            actions.show(null, null, null);
        } else {
            actions.show(row.campaign().id(), row.campaign().name(), status(row.campaign()));
        }
    }

    /** After a lifecycle change the grid shows the new status; a clone opens the copy, to edit it. */
    private void changed(CampaignDetails campaign) {
        Row selected = grid.asSingleSelect().getValue();
        if (selected != null && selected.campaign().id() != campaign.id()) {
            open(campaign);
            return;
        }
        grid.getDataProvider().refreshAll();
        actions.show(campaign.id(), campaign.name(), campaign.status());
    }

    private void open(CampaignDetails campaign) {
        getUI().ifPresent(ui -> ui.navigate(CampaignView.class, new RouteParameters("id", String.valueOf(campaign.id()))));
    }

    private void openNewCampaign() {
        new NewCampaignDialog(campaigns, this::open).open();
    }

    static CampaignStatus status(CampaignSummary campaign) {
        return CampaignStatus.valueOf(String.valueOf(campaign.status()));
    }

    private static String figure(Row row, java.util.function.ToLongFunction<Figures> value) {
        return row.figures() == null ? "" : String.format(Locale.US, "%,d", value.applyAsLong(row.figures()));
    }

    private static String rate(Row row, java.util.function.ToDoubleFunction<Figures> value) {
        return row.figures() == null ? "" : String.format(Locale.ROOT, "%.1f%%", value.applyAsDouble(row.figures()));
    }
}
