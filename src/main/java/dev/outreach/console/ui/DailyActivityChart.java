package dev.outreach.console.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.html.Div;
import dev.outreach.cadence.DailyActivity;
import dev.outreach.shared.ui.SvgCharts;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A campaign's daily activity as SVG drawn on the server (no charting bundle): a bar per day for
 * the touches sent, and a line of points for the human opens and one for the replies, on one
 * scale, with the first and last day and the largest count written on the axes. Each bar and point
 * carries a title with its day and count, so a reader (and a screen reader) gets the figures. Every
 * text goes through {@link SvgCharts#escape}: the title may be a campaign's name.
 */
public class DailyActivityChart extends Composite<Div> {

    static final int WIDTH = 640;
    static final int HEIGHT = 180;
    private static final int LEFT = 40;
    private static final int TOP = 10;
    private static final int BOTTOM = 24;
    private static final int LEGEND = 18;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

    private final String svg;

    /** {@code days} oldest first ({@code CampaignStatsService.daily}); {@code title} describes the chart. */
    public DailyActivityChart(List<DailyActivity> days, String title) {
        this.svg = render(days, title);
        getContent().addClassName("daily-activity-chart");
        getContent().add(new Html(svg));
    }

    /** The markup drawn. */
    String svg() {
        return svg;
    }

    static String render(List<DailyActivity> days, String title) {
        long max = 1;
        for (DailyActivity day : days) {
            max = Math.max(max, Math.max(day.sends(), Math.max(day.humanOpens(), day.replies())));
        }
        int plotWidth = WIDTH - LEFT - 4;
        int plotHeight = HEIGHT - TOP - BOTTOM - LEGEND;
        double slot = (double) plotWidth / Math.max(1, days.size());
        int baseline = TOP + plotHeight;
        StringBuilder svg = new StringBuilder(4096);
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"daily-activity\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">",
                WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<title>").append(SvgCharts.escape(title)).append("</title>");
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"var(--lumo-contrast-30pct)\"/>", LEFT, baseline,
                WIDTH - 4, baseline));
        text(svg, LEFT - 4, TOP + 10, "end", String.format(Locale.ROOT, "%,d", max));
        text(svg, LEFT - 4, baseline, "end", "0");
        StringBuilder opens = new StringBuilder();
        StringBuilder replies = new StringBuilder();
        for (int i = 0; i < days.size(); i++) {
            DailyActivity day = days.get(i);
            double x = LEFT + i * slot;
            String date = day.day().toString();
            if (day.sends() > 0) {
                double height = Math.max(1, (double) day.sends() / max * plotHeight);
                svg.append(String.format(Locale.ROOT,
                        "<rect class=\"sends\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"var(--lumo-primary-color-50pct)\">",
                        x + 1, baseline - height, Math.max(1, slot - 2), height));
                svg.append("<title>").append(SvgCharts.escape(date + ": " + day.sends() + " sent")).append("</title></rect>");
            }
            double centre = x + slot / 2;
            point(svg, opens, "opens", centre, y(day.humanOpens(), max, plotHeight, baseline), "var(--lumo-success-color)",
                    date + ": " + day.humanOpens() + " opened by a person");
            point(svg, replies, "replies", centre, y(day.replies(), max, plotHeight, baseline), "var(--lumo-error-color)",
                    date + ": " + day.replies() + " replied");
        }
        svg.append(String.format(Locale.ROOT,
                "<polyline class=\"opens-line\" points=\"%s\" fill=\"none\" stroke=\"var(--lumo-success-color)\"/>", opens.toString().strip()));
        svg.append(String.format(Locale.ROOT,
                "<polyline class=\"replies-line\" points=\"%s\" fill=\"none\" stroke=\"var(--lumo-error-color)\"/>", replies.toString().strip()));
        if (!days.isEmpty()) {
            text(svg, LEFT, baseline + 14, "start", days.getFirst().day().format(DAY));
            text(svg, WIDTH - 4, baseline + 14, "end", days.getLast().day().format(DAY));
        }
        int legend = HEIGHT - 4;
        legend(svg, LEFT, legend, "var(--lumo-primary-color-50pct)", "Sent");
        legend(svg, LEFT + 80, legend, "var(--lumo-success-color)", "Opened by a person");
        legend(svg, LEFT + 240, legend, "var(--lumo-error-color)", "Replied");
        return svg.append("</svg>").toString();
    }

    private static double y(long value, long max, int plotHeight, int baseline) {
        return baseline - (double) value / max * plotHeight;
    }

    private static void point(StringBuilder svg, StringBuilder line, String series, double x, double y, String colour,
            String title) {
        line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        svg.append(String.format(Locale.ROOT, "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\">", series,
                x, y, colour));
        svg.append("<title>").append(SvgCharts.escape(title)).append("</title></circle>");
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, String text) {
        svg.append(String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"%s\" fill=\"currentColor\">%s</text>", x, y,
                anchor, SvgCharts.escape(text)));
    }

    private static void legend(StringBuilder svg, int x, int y, String colour, String label) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>", x, y - 9,
                colour));
        text(svg, x + 14, y, "start", label);
    }
}
