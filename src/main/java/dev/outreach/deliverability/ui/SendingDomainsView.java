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
import dev.outreach.deliverability.SendingDomain;
import dev.outreach.deliverability.SendingDomainService;
import dev.outreach.security.Role;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.ui.ConfirmDialogs;
import jakarta.annotation.security.RolesAllowed;

/** Admins add sending domains, change their daily cap, pause and resume them with a reason. */
@Route("admin/sending-domains")
@PageTitle("Sending domains | Outreach Engine")
@Menu(order = 60, icon = "vaadin:globe", title = "Sending domains")
@RolesAllowed(Role.ADMIN_NAME)
public class SendingDomainsView extends VerticalLayout {

    private final transient SendingDomainService domains;
    final Grid<SendingDomain> grid = new Grid<>(SendingDomain.class, false);
    final Button create = new Button("New domain", new Icon(VaadinIcon.PLUS));

    public SendingDomainsView(SendingDomainService domains) {
        this.domains = domains;
        addClassName("view");
        setSizeFull();
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(click -> new SendingDomainDialog(domains, null, () -> changed("Sending domain created")).open());
        HorizontalLayout toolbar = new HorizontalLayout(new H2("Sending domains"), create);
        toolbar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        configureGrid();
        add(toolbar, grid);
        refresh();
    }

    private void configureGrid() {
        grid.setSizeFull();
        grid.addColumn(SendingDomain::domain).setHeader("Domain").setKey("domain").setAutoWidth(true).setSortable(true);
        grid.addColumn(SendingDomainsView::state).setHeader("Status").setKey("status").setAutoWidth(true);
        grid.addColumn(domain -> domain.pausedReason() == null ? "" : domain.pausedReason()).setHeader("Paused reason")
                .setKey("pausedReason").setFlexGrow(1);
        grid.addColumn(SendingDomain::mailboxes).setHeader("Mailboxes").setKey("mailboxes").setAutoWidth(true);
        grid.addColumn(SendingDomain::dailyCap).setHeader("Daily cap").setKey("dailyCap").setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader("Actions").setKey("actions").setAutoWidth(true);
    }

    static String state(SendingDomain domain) {
        return !domain.paused() ? "Active" : domain.pausedByHealth() ? "Auto-paused" : "Paused";
    }

    private Component actions(SendingDomain domain) {
        Button edit = new Button("Edit", click -> new SendingDomainDialog(domains, domain,
                () -> changed(domain.domain() + " saved")).open());
        Button pauseOrResume = domain.paused()
                ? new Button("Resume", click -> new ReasonDialog("Resume " + domain.domain(),
                        "Its mailboxes may send again.", "Resume", false, reason -> {
                            domains.resume(domain.id(), reason);
                            changed(domain.domain() + " resumed");
                        }).open())
                : new Button("Pause", click -> new ReasonDialog("Pause " + domain.domain(),
                        "None of its " + domain.mailboxes() + " mailboxes sends until an admin resumes the domain.",
                        "Pause", true, reason -> {
                            domains.pause(domain.id(), reason);
                            changed(domain.domain() + " paused");
                        }).open());
        Button delete = new Button("Delete", click -> confirmDelete(domain));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        for (Button button : new Button[] {edit, pauseOrResume, delete}) {
            button.addThemeVariants(ButtonVariant.LUMO_SMALL);
        }
        return new HorizontalLayout(edit, pauseOrResume, delete);
    }

    private void confirmDelete(SendingDomain domain) {
        ConfirmDialogs.destructive("Delete " + domain.domain() + "?",
                "The domain is removed; this cannot be undone.", "Delete", () -> {
                    try {
                        domains.delete(domain.id());
                        changed(domain.domain() + " deleted");
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
        grid.setItems(domains.findAll());
    }
}
