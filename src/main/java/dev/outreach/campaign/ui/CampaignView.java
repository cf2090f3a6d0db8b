package dev.outreach.campaign.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.outreach.campaign.CampaignDetails;
import dev.outreach.campaign.CampaignPageTab;
import dev.outreach.campaign.CampaignService;
import dev.outreach.campaign.CampaignStatus;
import dev.outreach.security.Role;
import jakarta.annotation.security.PermitAll;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One campaign: its name, status and lifecycle buttons over tabs (overview, leads, touches,
 * schedule, settings), each a {@link CampaignPageTab} drawn when first opened.
 */
@Route("campaigns/:id")
@PermitAll
public class CampaignView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final transient CampaignService campaigns;
    private final transient List<CampaignPageTab> tabs;
    private final boolean admin;
    TabSheet sheet;
    private CampaignDetails campaign;
    private String selectedTab;

    public CampaignView(CampaignService campaigns, List<CampaignPageTab> tabs, AuthenticationContext authentication) {
        this.campaigns = campaigns;
        this.tabs = tabs.stream().sorted(Comparator.comparingInt(CampaignPageTab::order)).toList();
        this.admin = authentication.hasRole(Role.ADMIN_NAME);
        addClassName("view");
        setSizeFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long id = event.getRouteParameters().getLong("id").orElseThrow(() -> new NotFoundException("No such campaign"));
        campaign = campaigns.find(id).orElseThrow(() -> new NotFoundException("No campaign with id " + id));
        selectedTab = null;
        render();
    }

    @Override
    public String getPageTitle() {
        return (campaign == null ? "Campaign" : campaign.name()) + " | Outreach Engine";
    }

    /** The campaign as it is now, after a tab or a button changed it. */
    void reload() {
        campaign = campaigns.find(campaign.id()).orElseThrow(() -> new NotFoundException("The campaign is gone"));
        render();
    }

    private void render() {
        removeAll();
        CampaignActions actions = new CampaignActions(campaigns, admin, changed -> {
            if (changed.id() == campaign.id()) {
                reload();
            } else {
                getUI().ifPresent(ui -> ui.navigate(CampaignView.class, new RouteParameters("id", String.valueOf(changed.id()))));
            }
        });
        actions.show(campaign.id(), campaign.name(), campaign.status());
        HorizontalLayout heading = new HorizontalLayout(new H2(campaign.name()), statusBadge(campaign.status()));
        heading.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        add(new RouterLink("← All campaigns", CampaignsView.class), heading);
        if (campaign.description() != null && !campaign.description().isBlank()) {
            add(new Paragraph(campaign.description()));
        }
        add(actions, tabSheet());
    }

    /** Each tab's content is created the first time it is selected; the selected tab stays selected over a reload. */
    private TabSheet tabSheet() {
        TabSheet fresh = new TabSheet();
        fresh.setWidthFull();
        Map<Tab, CampaignPageTab> byTab = new HashMap<>();
        Map<Tab, Div> holders = new HashMap<>();
        for (CampaignPageTab pageTab : tabs) {
            Div holder = new Div();
            holder.setWidthFull();
            Tab tab = fresh.add(pageTab.label(), holder);
            tab.setId("tab-" + pageTab.label().toLowerCase(Locale.ROOT).replace(' ', '-'));
            byTab.put(tab, pageTab);
            holders.put(tab, holder);
        }
        fresh.addSelectedChangeListener(change -> fill(change.getSelectedTab(), byTab, holders));
        byTab.keySet().stream().filter(tab -> byTab.get(tab).label().equals(selectedTab)).findFirst()
                .ifPresent(fresh::setSelectedTab);
        fill(fresh.getSelectedTab(), byTab, holders);
        sheet = fresh;
        return fresh;
    }

    private void fill(Tab tab, Map<Tab, CampaignPageTab> byTab, Map<Tab, Div> holders) {
        if (tab == null) {
            return;
        }
        selectedTab = byTab.get(tab).label();
        Div holder = holders.get(tab);
        if (holder.getChildren().findAny().isEmpty()) {
            Component content = byTab.get(tab).create(campaign, this::reload);
            holder.add(content);
        }
    }

    /** The status as a badge, coloured by what it means for sending. */
    static Span statusBadge(CampaignStatus status) {
        Span badge = new Span(status.name());
        badge.getElement().getThemeList().add("badge " + switch (status) {
            case ACTIVE -> "success";
            case PAUSED -> "contrast";
            case DRAFT -> "";
            case COMPLETED -> "success primary";
            case ARCHIVED -> "contrast primary";
        });
        badge.addClassName("campaign-status");
        return badge;
    }
}
