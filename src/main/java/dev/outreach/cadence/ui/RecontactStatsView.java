package dev.outreach.cadence.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.outreach.cadence.RecontactStats;
import dev.outreach.shared.ui.SvgCharts;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RecontactStats: leads the re-contact worker would start on a new cycle now,
 * those it did in the last 30 days, and how enrollments spread over cycles.
 */
@Route("recontact")
@PageTitle("Re-contact | Outreach Engine")
@Menu(order = 35, icon = "vaadin:time-backward", title = "Re-contact")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class RecontactStatsView extends VerticalLayout {

    final Paragraph eligible = new Paragraph();
    final Paragraph recycled = new Paragraph();
    final Div distribution = new Div();

    public RecontactStatsView(RecontactStats recontact) {
        addClassName("view");
        RecontactStats.Stats stats = recontact.stats();
        eligible.setText((stats.totalEligible() == 1 ? "1 lead is" : stats.totalEligible() + " leads are")
                + " eligible for a new cycle now (contacted, never replied, past the cooldown, below the cycle cap).");
        recycled.setText(stats.totalRecycled30d() + " started a new cycle in the last 30 days.");
        List<String> labels = new ArrayList<>();
        double[] counts = new double[stats.cycleDistribution().size()];
        int i = 0;
        for (Map.Entry<Integer, Long> entry : stats.cycleDistribution().entrySet()) {
            labels.add(entry.getKey() == 0 ? "First contact" : "Cycle " + entry.getKey());
            counts[i++] = entry.getValue();
        }
        distribution.add(SvgCharts.bars(labels, counts, "", "Enrollments per re-contact cycle"));
        add(new H2("Re-contact"), eligible, recycled, new H3("Enrollments per cycle"), distribution);
    }
}
