package dev.outreach.deliverability.ui;

import com.vaadin.flow.component.grid.Grid;
import dev.outreach.deliverability.EmailMetrics;
import java.util.Locale;
import java.util.function.Function;

/** The six counts, with bounce and complaint rates, as columns of a health grid. */
final class HealthColumns {

    private HealthColumns() {
    }

    static <T> void addCounts(Grid<T> grid, Function<T, EmailMetrics> metrics) {
        grid.addColumn(row -> metrics.apply(row).sent()).setHeader("Sent").setKey("sent").setAutoWidth(true);
        grid.addColumn(row -> metrics.apply(row).delivered()).setHeader("Delivered").setKey("delivered").setAutoWidth(true);
        grid.addColumn(row -> withRate(metrics.apply(row).bounced(), metrics.apply(row).bounceRate(), 1))
                .setHeader("Bounced").setKey("bounced").setAutoWidth(true);
        grid.addColumn(row -> withRate(metrics.apply(row).complained(), metrics.apply(row).complaintRate(), 2))
                .setHeader("Complaints").setKey("complained").setAutoWidth(true);
        grid.addColumn(row -> metrics.apply(row).opened()).setHeader("Opened").setKey("opened").setAutoWidth(true);
        grid.addColumn(row -> metrics.apply(row).clicked()).setHeader("Clicked").setKey("clicked").setAutoWidth(true);
    }

    private static String withRate(long count, double rate, int decimals) {
        return count == 0 ? "0" : String.format(Locale.ROOT, "%d (%." + decimals + "f%%)", count, rate * 100);
    }
}
