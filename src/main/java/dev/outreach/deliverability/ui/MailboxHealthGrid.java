package dev.outreach.deliverability.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import dev.outreach.deliverability.DeliverabilityHealth.MailboxHealth;
import dev.outreach.shared.ui.SvgCharts;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * MailboxHealthGrid: per mailbox what the domain grid shows, plus the cap used
 * today, the warm-up day and the auto-deactivation indicator (paused by the health guard).
 */
public class MailboxHealthGrid extends Grid<MailboxHealth> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
            .withLocale(Locale.US).withZone(ZoneId.systemDefault());

    public MailboxHealthGrid() {
        super(MailboxHealth.class, false);
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        setAllRowsVisible(true);
        addColumn(MailboxHealth::address).setHeader("Mailbox").setKey("address").setAutoWidth(true).setFlexGrow(1);
        addComponentColumn(MailboxHealthGrid::state).setHeader("State").setKey("state").setAutoWidth(true);
        addColumn(m -> m.score().score()).setHeader("Score").setKey("score").setAutoWidth(true);
        addComponentColumn(m -> HealthBadges.status(m.score().status())).setHeader("Status").setKey("status").setAutoWidth(true);
        addComponentColumn(m -> HealthBadges.throttle(m.score().throttle())).setHeader("Throttle").setKey("throttle")
                .setAutoWidth(true);
        HealthColumns.addCounts(this, MailboxHealth::score);
        addColumn(m -> m.eligible() ? m.sentToday() + " / " + m.capToday() : m.sentToday() + " / not sending")
                .setHeader("Cap used today").setKey("cap").setAutoWidth(true);
        addColumn(m -> m.warmupDay() == null ? "done" : "day " + m.warmupDay()).setHeader("Warm-up").setKey("warmup")
                .setAutoWidth(true);
        addComponentColumn(m -> SvgCharts.sparkline(m.sentTrend(), null, "Sent per hour over 24 hours"))
                .setHeader("24 h").setKey("trend").setAutoWidth(true);
        setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(MailboxHealthGrid::why));
    }

    private static Span state(MailboxHealth mailbox) {
        if (mailbox.autoDeactivated()) {
            Span badge = HealthBadges.badge("Auto-deactivated", "error");
            badge.setTitle(mailbox.pausedReason());
            return badge;
        }
        if (!mailbox.active()) {
            return HealthBadges.state(false, false, mailbox.pausedReason());
        }
        if (mailbox.reducedUntil() != null) {
            Span badge = HealthBadges.badge("Half cap until " + TIME.format(mailbox.reducedUntil()), "warning");
            return badge;
        }
        if (!mailbox.eligible()) {
            Span badge = HealthBadges.badge("Skipped", "warning");
            badge.setTitle(mailbox.skipReason());
            return badge;
        }
        return HealthBadges.badge("Sending", "success");
    }

    private static Span why(MailboxHealth mailbox) {
        String text = mailbox.skipReason() != null ? "Not sending: " + mailbox.skipReason()
                : mailbox.pausedReason() != null ? mailbox.pausedReason() : "Sending normally.";
        Span span = new Span(text);
        span.addClassName("health-detail");
        return span;
    }
}
