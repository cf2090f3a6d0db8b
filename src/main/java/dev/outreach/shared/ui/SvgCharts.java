package dev.outreach.shared.ui;

import com.vaadin.flow.component.Html;
import java.util.Locale;

/**
 * Charts drawn on the server as SVG (the console has no charting bundle): values go in, a
 * component comes out. Only numbers and our own labels reach the markup.
 */
public final class SvgCharts {

    private SvgCharts() {
    }

    /**
     * A bar sparkline of {@code values} (oldest first) with an optional second series drawn in
     * red on top (for example bounces over sends); {@code title} is the accessible description.
     */
    public static Html sparkline(long[] values, long[] alarm, String title) {
        int width = 120;
        int height = 24;
        long max = 1;
        for (long v : values) {
            max = Math.max(max, v);
        }
        double barWidth = (double) width / Math.max(1, values.length);
        StringBuilder svg = new StringBuilder(512);
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sparkline\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">",
                width, height, width, height));
        svg.append("<title>").append(escape(title)).append("</title>");
        for (int i = 0; i < values.length; i++) {
            appendBar(svg, i, values[i], max, barWidth, height, "var(--lumo-primary-color-50pct)");
            if (alarm != null && i < alarm.length && alarm[i] > 0) {
                appendBar(svg, i, alarm[i], max, barWidth, height, "var(--lumo-error-color)");
            }
        }
        svg.append("</svg>");
        return new Html(svg.toString());
    }

    private static void appendBar(StringBuilder svg, int index, long value, long max, double barWidth, int height,
            String fill) {
        if (value <= 0) {
            return;
        }
        double barHeight = Math.max(1, (double) value / max * height);
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
                index * barWidth + 0.5, height - barHeight, Math.max(0.5, barWidth - 1), barHeight, fill));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
