package dev.outreach.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.cadence.DailyActivity;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class DailyActivityChartTests {

    static final LocalDate FIRST = LocalDate.of(2026, 3, 1);

    static List<DailyActivity> thirtyDays() {
        List<DailyActivity> days = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            days.add(new DailyActivity(FIRST.plusDays(i), 0, 0, 0));
        }
        days.set(3, new DailyActivity(FIRST.plusDays(3), 40, 12, 2));
        days.set(10, new DailyActivity(FIRST.plusDays(10), 80, 30, 5));
        days.set(29, new DailyActivity(FIRST.plusDays(29), 20, 0, 1));
        return days;
    }

    static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static List<String> titles(Document svg, String element, String series) {
        List<String> titles = new ArrayList<>();
        NodeList nodes = svg.getElementsByTagName(element);
        for (int i = 0; i < nodes.getLength(); i++) {
            Element node = (Element) nodes.item(i);
            if (series.equals(node.getAttribute("class"))) {
                titles.add(node.getElementsByTagName("title").item(0).getTextContent());
            }
        }
        return titles;
    }

    @Test
    void aBarPerDayWithSendsAndAPointPerDayForHumanOpensAndReplies() throws Exception {
        Document svg = parse(new DailyActivityChart(thirtyDays(), "Spring launch").svg());

        assertThat(titles(svg, "rect", "sends")).containsExactly("2026-03-04: 40 sent", "2026-03-11: 80 sent",
                "2026-03-30: 20 sent");
        assertThat(titles(svg, "circle", "opens")).hasSize(30).contains("2026-03-04: 12 opened by a person",
                "2026-03-11: 30 opened by a person", "2026-03-30: 0 opened by a person");
        assertThat(titles(svg, "circle", "replies")).hasSize(30).contains("2026-03-11: 5 replied", "2026-03-01: 0 replied");
        assertThat(svg.getDocumentElement().getTextContent()).contains("Mar 1", "Mar 30", "80");
    }

    @Test
    void theBusiestDayFillsThePlotAndTheHeightsFollowTheCounts() throws Exception {
        Document svg = parse(DailyActivityChart.render(thirtyDays(), "t"));
        NodeList rects = svg.getElementsByTagName("rect");
        List<Double> heights = new ArrayList<>();
        for (int i = 0; i < rects.getLength(); i++) {
            Element rect = (Element) rects.item(i);
            if ("sends".equals(rect.getAttribute("class"))) {
                heights.add(Double.parseDouble(rect.getAttribute("height")));
            }
        }
        assertThat(heights).hasSize(3);
        assertThat(heights.get(1)).isEqualTo(2 * heights.get(0), org.assertj.core.data.Offset.offset(0.2));
        assertThat(heights.get(1)).isEqualTo(4 * heights.get(2), org.assertj.core.data.Offset.offset(0.2));
    }

    @Test
    void theTitleIsEscaped() throws Exception {
        String name = "<script>alert(1)</script> & \"Q2\"";
        String markup = new DailyActivityChart(thirtyDays(), name).svg();

        assertThat(markup).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Q2&quot;");
        Document svg = parse(markup);
        assertThat(svg.getElementsByTagName("script").getLength()).isZero();
        assertThat(svg.getDocumentElement().getElementsByTagName("title").item(0).getTextContent()).isEqualTo(name);
    }

    @Test
    void aCampaignWithNoActivityDrawsNoBarAndFlatLines() throws Exception {
        List<DailyActivity> quiet = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            quiet.add(new DailyActivity(FIRST.plusDays(i), 0, 0, 0));
        }
        Document svg = parse(DailyActivityChart.render(quiet, "Quiet"));

        assertThat(titles(svg, "rect", "sends")).isEmpty();
        assertThat(titles(svg, "circle", "opens")).hasSize(30).allMatch(t -> t.endsWith(": 0 opened by a person"));
    }
}
