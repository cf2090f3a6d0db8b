package dev.outreach.deliverability.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.outreach.deliverability.DeliverabilityHealth;
import dev.outreach.deliverability.EmailMetrics;
import dev.outreach.deliverability.EmailScore;
import dev.outreach.deliverability.ReputationFigures;
import jakarta.annotation.security.PermitAll;
import java.util.Locale;

/**
 * Email health for everyone: the global score, the DomainHealthGrid and the MailboxHealthGrid,
 * and a warning when no mailbox may send. Reputation covers the last 24 hours.
 */
@Route("deliverability")
@PageTitle("Email health | Outreach Engine")
@Menu(order = 30, icon = "vaadin:heart-o", title = "Email health")
@PermitAll
public class EmailHealthView extends VerticalLayout {

    private final transient DeliverabilityHealth health;

    final Div warning = new Div();
    final Span global = new Span();
    final DomainHealthGrid domains = new DomainHealthGrid();
    final MailboxHealthGrid mailboxes = new MailboxHealthGrid();

    public EmailHealthView(DeliverabilityHealth health) {
        this.health = health;
        addClassName("view");
        setWidthFull();
        warning.addClassName("health-warning");
        Button refresh = new Button("Refresh", new Icon(VaadinIcon.REFRESH), click -> refresh());
        HorizontalLayout header = new HorizontalLayout(new H2("Email health"), refresh);
        header.setAlignItems(Alignment.BASELINE);
        add(header, warning, new Paragraph("Reputation over the last 24 hours, from delivery events, bounces, complaints,"
                + " opens and clicks. A paused domain, or a mailbox that is paused or scored below the health threshold,"
                + " is not sent from; a reduced one sends at half its cap. A bounce or complaint rate counts as over its"
                + " line only when the low end of its 95% interval (CI) is."), global,
                new H3("Sending domains"), domains, new H3("Mailboxes"), mailboxes);
        refresh();
    }

    void refresh() {
        DeliverabilityHealth.Report report = health.report();
        EmailScore score = report.global().score();
        EmailMetrics m = score.metrics();
        // the counts in the same words as the command center's, then the rates the verdict rests on
        global.setText(String.format(Locale.ROOT, "All mail: score %d, %s, throttle %s; ", score.score(),
                label(score.status()), label(score.throttle())) + m.counts() + "." + ReputationFigures.rates(score));
        domains.setItems(report.domains());
        mailboxes.setItems(report.mailboxes());
        warning.setVisible(report.noHealthyMailbox());
        warning.setText(report.noHealthyMailbox()
                ? "No healthy mailbox: email is waiting and nothing is sent until a mailbox may send again."
                : "");
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
