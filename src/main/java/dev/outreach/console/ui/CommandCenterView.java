package dev.outreach.console.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.outreach.cadence.SequencerTick;
import dev.outreach.cadence.TickPreview;
import dev.outreach.console.CommandCenter;
import dev.outreach.deliverability.EmailMetrics;
import dev.outreach.inbox.Agreement;
import dev.outreach.inbox.IntentSource;
import dev.outreach.inbox.ReplyMetrics;
import dev.outreach.inbox.ReplyRates;
import dev.outreach.outreach.ChannelMetrics;
import dev.outreach.security.Role;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.ui.SvgCharts;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;
import dev.outreach.shared.Wording;
import java.util.Locale;
import java.util.Map;

/**
 * The landing page: how outreach went today and over 7 days per channel, where deliveries landed,
 * domain health, re-contact, what is due today, why messages wait, and a dry run of the next
 * sequencer tick (admins may run it now). The same data is JSON at
 * {@code /api/v1/command-center}.
 */
@Route("")
@RouteAlias("command-center")
@PageTitle("Command center | Outreach Engine")
@Menu(order = 0, icon = "vaadin:dashboard", title = "Command center")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class CommandCenterView extends VerticalLayout {

    private final transient CommandCenter commandCenter;

    final Div today = new Div();
    final Div week = new Div();
    final Div distribution = new Div();
    final Div domains = new Div();
    final Div recontact = new Div();
    final Div waiting = new Div();
    final Div nextTick = new Div();
    /** The running campaigns' reply, positive-reply and meeting rates, and the classifier's agreement with people. */
    final Div replies = new Div();
    final Button runTick = new Button("Run the tick now", new Icon(VaadinIcon.PLAY), click -> runTick());
    final Span dueToday = new Span();
    final Div warning = new Div();
    /** The count of messages in doubt, linking to the review screen. */
    final Anchor review = new Anchor("review", "");
    /** The dry run's figures per campaign. */
    final Div nextTickByCampaign = new Div();
    /** To the Campaigns list, where each campaign's own figures are. */
    final Anchor campaigns = new Anchor("campaigns", "Campaigns");

    private final transient SequencerTick tick;

    public CommandCenterView(CommandCenter commandCenter, SequencerTick tick, AuthenticationContext authentication) {
        this.commandCenter = commandCenter;
        this.tick = tick;
        runTick.setVisible(authentication.hasRole(Role.ADMIN_NAME));
        addClassName("view");
        setWidthFull();
        Button refresh = new Button("Refresh", new Icon(VaadinIcon.REFRESH), click -> refresh());
        HorizontalLayout header = new HorizontalLayout(new H2("Command center"), refresh);
        header.setAlignItems(Alignment.BASELINE);
        warning.addClassName("health-warning");
        FlexLayout cards = new FlexLayout(card("Last 24 hours", today), card("Last 7 days", week),
                card("Channel distribution, 7 days", distribution), card("Domain health", domains),
                card("Re-contact", recontact), card("Replies", replies), card("Waiting messages", waiting),
                card("Next tick (dry run)", nextTick));
        cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        cards.addClassName("cards");
        review.getElement().setAttribute("router-link", true);
        review.addClassName("review-link");
        campaigns.getElement().setAttribute("router-link", true);
        campaigns.addClassName("campaigns-link");
        header.add(campaigns);
        add(header, warning, review, dueToday, cards);
        refresh();
    }

    private static Component card(String title, Div body) {
        Div card = new Div(new H3(title), body);
        card.addClassName("card");
        return card;
    }

    void refresh() {
        CommandCenter.Snapshot snapshot = commandCenter.snapshot();
        warning.setVisible(snapshot.noHealthyMailbox());
        warning.setText("No healthy mailbox: email is waiting and nothing is sent until a mailbox may send again.");
        review.setText(snapshot.inReview() == 0 ? "No message is in doubt."
                : Wording.count(snapshot.inReview(), "message") + " in doubt " + (snapshot.inReview() == 1 ? "needs" : "need")
                        + " a person: review");
        if (snapshot.inReview() > 0) {
            review.getElement().getThemeList().addAll(List.of("badge", "error"));
        } else {
            review.getElement().getThemeList().removeAll(List.of("badge", "error"));
        }
        dueToday.setText(snapshot.dueToday() == 1 ? "1 touch is due today." : snapshot.dueToday() + " touches are due today.");
        fillMetrics(today, snapshot.today(), snapshot.email24h());
        fillMetrics(week, snapshot.week(), null);

        distribution.removeAll();
        List<String> labels = new ArrayList<>();
        double[] shares = new double[ChannelType.values().length];
        int i = 0;
        for (ChannelType channel : ChannelType.values()) {
            labels.add(channel.label());
            shares[i++] = snapshot.week().channelDistribution().getOrDefault(channel, 0.0);
        }
        distribution.add(SvgCharts.bars(labels, shares, "%", "Share of delivered messages per channel, last 7 days"),
                new Paragraph(String.format(Locale.ROOT, "%d delivered, %.1f%% after a fallback.", snapshot.week().delivered(),
                        snapshot.week().fallbackRate())));

        domains.removeAll();
        if (snapshot.domains().isEmpty()) {
            domains.add(new Paragraph("No sending domain yet."));
        }
        for (CommandCenter.DomainSummary domain : snapshot.domains()) {
            Span badge = new Span(domain.active() ? domain.status().replace('_', ' ') : "paused");
            badge.getElement().getThemeList().add("badge " + (!domain.active() || "critical".equals(domain.status()) ? "error"
                    : "warning".equals(domain.status()) ? "warning" : "success"));
            Div line = new Div(new Span(domain.domain() + " "), badge, new Span(" score " + domain.score()));
            line.addClassName("domain-line");
            domains.add(line);
        }

        recontact.removeAll();
        var stats = snapshot.recontactStats();
        recontact.add(new Paragraph(stats.totalEligible() + " eligible now, " + stats.totalRecycled30d()
                + " recycled in the last 30 days."));
        List<String> cycles = new ArrayList<>();
        double[] counts = new double[stats.cycleDistribution().size()];
        int c = 0;
        for (Map.Entry<Integer, Long> entry : stats.cycleDistribution().entrySet()) {
            cycles.add("Cycle " + entry.getKey());
            counts[c++] = entry.getValue();
        }
        recontact.add(SvgCharts.bars(cycles, counts, "", "Enrollments per re-contact cycle"));

        waiting.removeAll();
        if (snapshot.waiting().isEmpty()) {
            waiting.add(new Paragraph("Nothing is waiting."));
        }
        snapshot.waiting().forEach(reason -> waiting.add(new Div(new Span(reason.messages() + " "), new Span(reason.reason()))));

        fillReplies(snapshot.replies());
        fillNextTick(snapshot.nextTick());
    }

    /** At most this many campaigns are listed, the most contacted first; the Campaigns list has them all. */
    static final int REPLY_CAMPAIGNS = 8;

    private void fillReplies(ReplyMetrics.Summary summary) {
        replies.removeAll();
        if (summary.campaigns().isEmpty()) {
            replies.add(new Paragraph("No campaign is running."));
        } else {
            replies.add(new Paragraph("All running campaigns: " + CampaignOverviewPanel.describe(summary.all())));
            summary.campaigns().stream().limit(REPLY_CAMPAIGNS).forEach(line -> {
                Anchor link = new Anchor("campaigns/" + line.campaignId(), line.name());
                link.getElement().setAttribute("router-link", true);
                ReplyRates rates = line.rates();
                Div div = new Div(link, new Span(String.format(Locale.US, ": reply %s, positive %s, meetings %s of %,d contacted",
                        CampaignOverviewPanel.percent(rates.replyRate()), CampaignOverviewPanel.percent(rates.positiveRate()),
                        CampaignOverviewPanel.percent(rates.meetingRate()), rates.contacted())));
                div.addClassName("reply-campaign");
                replies.add(div);
            });
            if (summary.campaigns().size() > REPLY_CAMPAIGNS) {
                replies.add(new Paragraph("And " + Wording.count(summary.campaigns().size() - REPLY_CAMPAIGNS, "more campaign")
                        + " on the Campaigns list."));
            }
        }
        Paragraph agreement = new Paragraph(agreement(summary.agreement()));
        agreement.addClassName("classifier-agreement");
        replies.add(agreement);
    }

    /** How far people keep the classifier's labels, overall and for the rules and the model apart. */
    static String agreement(Agreement agreement) {
        Agreement.Reviewed overall = agreement.overall();
        if (overall.share().isEmpty()) {
            return "Classifier: " + Wording.count(agreement.labelled(), "reply", "replies")
                    + " labelled; no label reviewed by a person yet.";
        }
        List<String> sources = new ArrayList<>();
        for (IntentSource source : List.of(IntentSource.RULE, IntentSource.MODEL)) {
            Agreement.Reviewed reviewed = agreement.bySource().get(source);
            if (reviewed != null && reviewed.share().isPresent()) {
                sources.add((source == IntentSource.RULE ? "rules " : "model ") + reviewed.kept() + " of " + reviewed.reviewed());
            }
        }
        return String.format(Locale.US, "Classifier: people kept the machine's label on %d of %d reviewed %s (%s agreement; %s).",
                overall.kept(), overall.reviewed(), overall.reviewed() == 1 ? "reply" : "replies",
                CampaignOverviewPanel.percent(100 * overall.share().getAsDouble()), String.join(", ", sources));
    }

    private void fillNextTick(TickPreview.Preview plan) {
        nextTick.removeAll();
        String channels = plan.byChannel().isEmpty() ? "" : " (" + String.join(", ", plan.byChannel().entrySet().stream()
                .map(e -> e.getKey().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + e.getValue()).toList()) + ")";
        nextTick.add(new Paragraph(Wording.count(plan.wouldQueue(), "touch", "touches") + " would be queued now" + channels + "; "
                + plan.gated() + " held by the engagement gate, " + plan.waiting() + " waiting for their delay, "
                + plan.outsideWindow() + " outside the send window, " + plan.stops().values().stream().mapToInt(Integer::intValue).sum()
                + " to stop" + (plan.more() ? "; more are due than the " + plan.examined() + " looked at" : "") + "."));
        plan.mailboxes().stream().filter(m -> m.planned() > 0).forEach(m -> nextTick.add(new Div(new Span(
                m.address() + ": " + m.planned() + " planned (" + m.sentToday() + " of " + m.capToday() + " sent today)"))));
        plan.binding().forEach(reason -> {
            Div line = new Div(new Span(reason));
            line.addClassName("binding");
            nextTick.add(line);
        });
        nextTickByCampaign.removeAll();
        plan.campaigns().forEach(line -> nextTickByCampaign.add(campaignLine(line)));
        nextTick.add(nextTickByCampaign, runTick);
    }

    /** One campaign's share of the dry run. */
    private static Div campaignLine(TickPreview.CampaignLine line) {
        Component name = new Span(line.campaign());
        if (line.campaignId() != null) {
            Anchor link = new Anchor("campaigns/" + line.campaignId(), line.campaign());
            link.getElement().setAttribute("router-link", true);
            name = link;
        }
        List<String> parts = new ArrayList<>();
        parts.add(line.wouldQueue() + " would be queued");
        if (line.gated() > 0) {
            parts.add(line.gated() + " gated");
        }
        if (line.waiting() > 0) {
            parts.add(line.waiting() + " waiting");
        }
        if (line.outsideWindow() > 0) {
            parts.add(line.outsideWindow() + " outside the send window");
        }
        if (line.completed() > 0) {
            parts.add(line.completed() + " finishing");
        }
        if (line.stopped() > 0) {
            parts.add(line.stopped() + " to stop");
        }
        Div div = new Div(name, new Span(": " + String.join(", ", parts) + " (" + Wording.count(line.examined(), "due enrollment")
                + ")"));
        div.addClassName("tick-campaign");
        return div;
    }

    private void runTick() {
        SequencerTick.Result result = tick.runNow();
        Notification.show(result.ran() ? "Tick: " + result.queued() + " queued, " + result.stopped() + " stopped, "
                + result.deferred() + " waiting, " + result.outsideWindow() + " outside the window"
                : "A tick is already running on another instance").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        refresh();
    }

    /** {@code email} given: the email line is Email health's count of the same window, not a second count. */
    private static void fillMetrics(Div target, ChannelMetrics metrics, EmailMetrics email) {
        target.removeAll();
        long sent = 0;
        if (email != null && email.sent() > 0) {
            sent += email.sent();
            target.add(new Div(new Span("Email: " + email.counts())));
        }
        for (ChannelType channel : ChannelType.values()) {
            ChannelMetrics.ChannelRates rates = metrics.channels().get(channel);
            if (rates == null || rates.attempted() == 0 || email != null && channel == ChannelType.EMAIL) {
                continue;
            }
            sent += rates.delivered();
            String unconfirmed = rates.unconfirmed() == 0 ? "" : " (" + rates.unconfirmed() + " unconfirmed)";
            target.add(new Div(new Span(String.format(Locale.ROOT, "%s: %d sent%s of %d tried; delivery %.1f%%, reply %.1f%%, bounce %.1f%%",
                    channel.label(), rates.delivered(), unconfirmed, rates.attempted(), rates.deliveryRate(),
                    rates.replyRate(), rates.bounceRate()))));
        }
        if (sent == 0 && target.getChildren().findAny().isEmpty()) {
            target.add(new Paragraph("Nothing sent."));
        }
        target.add(new Paragraph(String.format(Locale.ROOT, "Fallback rate %.1f%%.", metrics.fallbackRate())));
    }
}
