package dev.outreach.deliverability.ui;

import com.vaadin.flow.component.grid.Grid;
import dev.outreach.deliverability.EmailScore;
import dev.outreach.deliverability.ReputationFigures;
import java.util.function.Function;

/**
 * The counts as columns of a health grid; bounces and complaints with their rate and its 95%
 * interval, the evidence the status and throttle rest on; deferrals beside them, unscored.
 */
final class HealthColumns {

    private HealthColumns() {
    }

    static <T> void addCounts(Grid<T> grid, Function<T, EmailScore> score) {
        grid.addColumn(row -> score.apply(row).metrics().sent()).setHeader("Sent").setKey("sent").setAutoWidth(true);
        grid.addColumn(row -> score.apply(row).metrics().delivered()).setHeader("Delivered").setKey("delivered")
                .setAutoWidth(true);
        grid.addColumn(row -> ReputationFigures.bounced(score.apply(row))).setHeader("Bounced (rate, 95% CI)")
                .setKey("bounced").setAutoWidth(true);
        grid.addColumn(row -> ReputationFigures.complaints(score.apply(row))).setHeader("Complaints (rate, 95% CI)")
                .setKey("complained").setAutoWidth(true);
        grid.addColumn(row -> score.apply(row).metrics().opened()).setHeader("Opened").setKey("opened").setAutoWidth(true);
        grid.addColumn(row -> score.apply(row).metrics().clicked()).setHeader("Clicked").setKey("clicked").setAutoWidth(true);
        // shown, not scored: a deferral is a receiving server's "try later", often its first throttle signal
        grid.addColumn(row -> score.apply(row).metrics().deferred()).setHeader("Deferred").setKey("deferred")
                .setAutoWidth(true);
    }
}
