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

    /**
     * Horizontal bars, one per label, scaled to the largest value, each with its value written
     * after it ({@code unit} appended, e.g. "%"); {@code title} is the accessible description.
     */
    public static Html bars(java.util.List<String> labels, double[] values, String unit, String title) {
        int labelWidth = 110;
        int barArea = 220;
        int rowHeight = 22;
        int width = labelWidth + barArea + 60;
        int height = Math.max(rowHeight, labels.size() * rowHeight);
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        StringBuilder svg = new StringBuilder(1024);
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bar-chart\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">",
                width, height, width, height));
        svg.append("<title>").append(escape(title)).append("</title>");
        for (int i = 0; i < labels.size(); i++) {
            double value = i < values.length ? values[i] : 0;
            double barWidth = max <= 0 ? 0 : value / max * barArea;
            int y = i * rowHeight;
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"0\" y=\"%d\" font-size=\"12\" fill=\"currentColor\">%s</text>", y + 15, escape(labels.get(i))));
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"14\" rx=\"2\" fill=\"var(--lumo-primary-color)\"/>",
                    labelWidth, y + 4, barWidth));
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" fill=\"currentColor\">%s</text>",
                    labelWidth + barWidth + 6, y + 15, escape(format(value) + unit)));
        }
        svg.append("</svg>");
        return new Html(svg.toString());
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%,d", (long) value)
                : String.format(Locale.ROOT, "%.1f", value);
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

    /** Text made safe for SVG (and HTML) markup: every label that comes from data goes through it. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
