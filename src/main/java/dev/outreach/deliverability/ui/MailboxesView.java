package dev.outreach.deliverability.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.outreach.deliverability.Mailbox;
import dev.outreach.deliverability.MailboxConnectionTester;
import dev.outreach.deliverability.MailboxService;
import dev.outreach.deliverability.SendingDomainService;
import dev.outreach.security.Role;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.ui.ConfirmDialogs;
import jakarta.annotation.security.RolesAllowed;

/** Admins add and edit mailboxes (SMTP, IMAP, daily cap, warm-up), test their servers, pause and resume them. */
@Route("admin/mailboxes")
@PageTitle("Mailboxes | Outreach Engine")
@Menu(order = 61, icon = "vaadin:envelope", title = "Mailboxes")
@RolesAllowed(Role.ADMIN_NAME)
public class MailboxesView extends VerticalLayout {

    private final transient MailboxService mailboxes;
    private final transient SendingDomainService domains;
    private final transient MailboxConnectionTester tester;
    final Grid<Mailbox> grid = new Grid<>(Mailbox.class, false);
    final Button create = new Button("New mailbox", new Icon(VaadinIcon.PLUS));

    public MailboxesView(MailboxService mailboxes, SendingDomainService domains, MailboxConnectionTester tester) {
        this.mailboxes = mailboxes;
        this.domains = domains;
        this.tester = tester;
        addClassName("view");
        setSizeFull();
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(click -> openForm(null));
        HorizontalLayout toolbar = new HorizontalLayout(new H2("Mailboxes"), create);
        toolbar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        configureGrid();
        add(toolbar, grid);
        refresh();
    }

    private void configureGrid() {
        grid.setSizeFull();
        grid.addColumn(Mailbox::address).setHeader("Address").setKey("address").setAutoWidth(true).setSortable(true);
        grid.addColumn(Mailbox::displayName).setHeader("Display name").setKey("displayName").setAutoWidth(true);
        grid.addColumn(Mailbox::domain).setHeader("Domain").setKey("domain").setAutoWidth(true).setSortable(true);
        grid.addColumn(MailboxesView::state).setHeader("Status").setKey("status").setAutoWidth(true);
        grid.addColumn(Mailbox::dailyCap).setHeader("Daily cap").setKey("dailyCap").setAutoWidth(true);
        grid.addColumn(mailbox -> mailbox.warmupDay() == null ? "Done" : "Day " + mailbox.warmupDay())
                .setHeader("Warm-up").setKey("warmupDay").setAutoWidth(true);
        grid.addColumn(Mailbox::capToday).setHeader("Cap today").setKey("capToday").setAutoWidth(true);
        grid.addColumn(mailbox -> host(mailbox.smtp())).setHeader("SMTP host").setKey("smtpHost").setAutoWidth(true);
        grid.addColumn(mailbox -> host(mailbox.imap())).setHeader("IMAP host").setKey("imapHost").setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader("Actions").setKey("actions").setAutoWidth(true);
    }

    /** The mailbox's own state; an active mailbox of a paused domain says so, since it does not send either. */
    static String state(Mailbox mailbox) {
        if (mailbox.paused()) {
            return mailbox.pausedByHealth() ? "Auto-paused" : "Paused";
        }
        return mailbox.domainPaused() ? "Active (domain paused)" : "Active";
    }

    private static String host(Mailbox.Server server) {
        return server.configured() ? server.host() + ":" + server.port() : "";
    }

    private Component actions(Mailbox mailbox) {
        Button edit = new Button("Edit", click -> openForm(mailbox));
        Button pauseOrResume = mailbox.paused()
                ? new Button("Resume", click -> new ReasonDialog("Resume " + mailbox.address(),
                        "Paused: " + mailbox.pausedReason(), "Resume", false, reason -> {
                            mailboxes.resume(mailbox.id(), reason);
                            changed(mailbox.address() + " resumed");
                        }).open())
                : new Button("Pause", click -> new ReasonDialog("Pause " + mailbox.address(),
                        "The mailbox sends nothing until an admin resumes it.", "Pause", true, reason -> {
                            mailboxes.pause(mailbox.id(), reason);
                            changed(mailbox.address() + " paused");
                        }).open());
        Button delete = new Button("Delete", click -> confirmDelete(mailbox));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        for (Button button : new Button[] {edit, pauseOrResume, delete}) {
            button.addThemeVariants(ButtonVariant.LUMO_SMALL);
        }
        if (mailbox.pausedReason() != null) {
            pauseOrResume.setTooltipText(mailbox.pausedReason());
        }
        return new HorizontalLayout(edit, pauseOrResume, delete);
    }

    private void openForm(Mailbox mailbox) {
        new MailboxForm(mailboxes, tester, domains.findAll(), mailbox,
                saved -> changed(saved.address() + (mailbox == null ? " created" : " saved"))).open();
    }

    private void confirmDelete(Mailbox mailbox) {
        ConfirmDialogs.destructive("Delete " + mailbox.address() + "?",
                "Only a mailbox that never sent anything can be deleted; pause the others.", "Delete", () -> {
                    try {
                        mailboxes.delete(mailbox.id());
                        changed(mailbox.address() + " deleted");
                    } catch (InvalidInputException rejected) {
                        Notification.show(rejected.errors().getFirst().message())
                                .addThemeVariants(NotificationVariant.LUMO_ERROR);
                    }
                });
    }

    private void changed(String message) {
        Notification.show(message).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        refresh();
    }

    private void refresh() {
        grid.setItems(mailboxes.findAll());
    }
}
