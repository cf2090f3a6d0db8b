package dev.outreach.console.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.outreach.cadence.CampaignOverview;
import dev.outreach.cadence.CampaignStatsService;
import dev.outreach.cadence.Funnel;
import dev.outreach.campaign.CampaignDetails;
import dev.outreach.inbox.CampaignReplyRates;
import dev.outreach.inbox.ReplyMetrics;
import dev.outreach.inbox.ReplyRates;
import dev.outreach.shared.ui.SvgCharts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * A campaign's overview: its funnel (enrolled, contacted, delivered, opened by a person, clicked,
 * replied, bounced, unsubscribed) with its reply, positive-reply and meeting rates, the same per
 * touch and per channel, the last 30 days of sends, human opens and replies, and why its leads are
 * waiting.
 */
class CampaignOverviewPanel extends VerticalLayout {

    static final int DAYS = 30;

    /** A funnel's stages, in the order a lead moves through them. */
    record Stage(String label, ToLongFunction<Funnel> count) {
    }

    static final List<Stage> STAGES = List.of(new Stage("Enrolled", Funnel::enrolled), new Stage("Contacted", Funnel::contacted),
            new Stage("Delivered", Funnel::delivered), new Stage("Human opens", Funnel::humanOpened),
            new Stage("Clicked", Funnel::clicked), new Stage("Replied", Funnel::replied), new Stage("Bounced", Funnel::bounced),
            new Stage("Unsubscribed", Funnel::unsubscribed));

    /** A rate of the reply metrics, in percent of the contacted. */
    record Rate(String label, ToDoubleFunction<ReplyRates> percent) {
    }

    static final List<Rate> RATES = List.of(new Rate("Reply rate", ReplyRates::replyRate),
            new Rate("Positive", ReplyRates::positiveRate), new Rate("Meetings", ReplyRates::meetingRate));

    /** One line of a per-touch or per-channel table. */
    record Line(String label, Funnel funnel, ReplyRates replies) {
    }

    final Div funnel = new Div();
    /** The campaign's reply, positive-reply and meeting rates over its contacted leads. */
    final Paragraph replies = new Paragraph();
    final Grid<Line> byTouch = funnelGrid("Touch");
    final Grid<Line> byChannel = funnelGrid("Channel");
    final Div daily = new Div();
    final Div waiting = new Div();
    final Button refresh = new Button("Refresh", new Icon(VaadinIcon.REFRESH), click -> refresh());

    private final transient CampaignStatsService stats;
    private final transient ReplyMetrics replyMetrics;
    private final CampaignDetails campaign;

    CampaignOverviewPanel(CampaignStatsService stats, ReplyMetrics replyMetrics, CampaignDetails campaign) {
        this.stats = stats;
        this.replyMetrics = replyMetrics;
        this.campaign = campaign;
        setPadding(false);
        addClassName("campaign-overview");
        funnel.addClassName("campaign-funnel");
        replies.addClassName("campaign-replies");
        waiting.addClassName("campaign-waiting");
        add(refresh, new H3("Funnel"), funnel, replies, new H3("Per touch"), byTouch, new H3("Per channel"), byChannel,
                new H3("Last " + DAYS + " days"), daily, new H3("Why leads are waiting"), waiting);
        refresh();
    }

    private static Grid<Line> funnelGrid(String what) {
        Grid<Line> grid = new Grid<>();
        grid.addColumn(Line::label).setHeader(what).setKey("label");
        for (Stage stage : STAGES) {
            grid.addColumn(line -> stage.count().applyAsLong(line.funnel())).setHeader(stage.label())
                    .setKey(stage.label().toLowerCase(Locale.ROOT).replace(' ', '-'));
        }
        for (Rate rate : RATES) {
            grid.addColumn(line -> percent(rate.percent().applyAsDouble(line.replies()))).setHeader(rate.label())
                    .setKey(rate.label().toLowerCase(Locale.ROOT).replace(' ', '-'));
        }
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        return grid;
    }

    void refresh() {
        CampaignOverview overview = stats.overview(campaign.id());
        CampaignReplyRates rates = replyMetrics.ofCampaign(campaign.id(), overview);
        funnel.removeAll();
        double[] counts = STAGES.stream().mapToDouble(stage -> stage.count().applyAsLong(overview.total())).toArray();
        funnel.add(SvgCharts.bars(STAGES.stream().map(Stage::label).toList(), counts, "", "The campaign's funnel"));
        replies.setText(describe(rates.total()));
        List<Line> touches = new ArrayList<>();
        new java.util.TreeMap<>(overview.byTouch()).forEach((touch, figures) -> touches.add(new Line("Touch " + touch, figures,
                rates.byTouch().getOrDefault(touch, ReplyRates.NONE))));
        byTouch.setItems(touches);
        List<Line> channels = new ArrayList<>();
        overview.byChannel().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(entry -> channels.add(new Line(entry.getKey().label(), entry.getValue(),
                        rates.byChannel().getOrDefault(entry.getKey(), ReplyRates.NONE))));
        byChannel.setItems(channels);
        daily.removeAll();
        daily.add(new DailyActivityChart(stats.daily(campaign.id(), DAYS),
                "Sends, human opens and replies per day of " + campaign.name() + ", last " + DAYS + " days"));
        waiting.removeAll();
        if (overview.waitingReasons().isEmpty()) {
            waiting.add(new Paragraph("Nothing is waiting."));
        } else {
            UnorderedList reasons = new UnorderedList();
            overview.waitingReasons().forEach((reason, count) -> reasons.add(new ListItem(String.format(Locale.US, "%s: %,d",
                    reason, count))));
            waiting.add(reasons);
        }
    }

    /** The campaign's reply rates in words (the command center words a campaign's line the same way). */
    static String describe(ReplyRates rates) {
        if (rates.contacted() == 0) {
            return "No lead contacted yet: no reply rates.";
        }
        return String.format(Locale.US, "Of %,d contacted %s: %s replied, %s positive (interested or asking for a meeting),"
                + " %s asked for a meeting.", rates.contacted(), rates.contacted() == 1 ? "lead" : "leads",
                percent(rates.replyRate()), percent(rates.positiveRate()), percent(rates.meetingRate()));
    }

    static String percent(double value) {
        return String.format(Locale.US, "%.1f%%", value);
    }
}
