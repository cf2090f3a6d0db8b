package dev.outreach.deliverability.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import dev.outreach.deliverability.DeliverabilityHealth.DomainHealth;
import dev.outreach.shared.ui.SvgCharts;

/** DomainHealthGrid: per sending domain score, status, throttle, the six counts and a 24-hour trend. */
public class DomainHealthGrid extends Grid<DomainHealth> {

    public DomainHealthGrid() {
        super(DomainHealth.class, false);
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        setAllRowsVisible(true);
        addColumn(DomainHealth::domain).setHeader("Domain").setKey("domain").setAutoWidth(true).setFlexGrow(1);
        addComponentColumn(d -> HealthBadges.state(d.active(), d.pausedByHealth(), d.pausedReason()))
                .setHeader("State").setKey("state").setAutoWidth(true);
        addColumn(d -> d.score().score()).setHeader("Score").setKey("score").setAutoWidth(true);
        addComponentColumn(d -> HealthBadges.status(d.score().status())).setHeader("Status").setKey("status").setAutoWidth(true);
        addComponentColumn(d -> HealthBadges.throttle(d.score().throttle())).setHeader("Throttle").setKey("throttle")
                .setAutoWidth(true);
        HealthColumns.addCounts(this, DomainHealth::score);
        addComponentColumn(d -> SvgCharts.sparkline(d.sentTrend(), d.bouncedTrend(),
                "Sent per hour over 24 hours, bounces in red")).setHeader("24 h").setKey("trend").setAutoWidth(true);
        addColumn(DomainHealth::mailboxes).setHeader("Mailboxes").setKey("mailboxes").setAutoWidth(true);
    }

}
