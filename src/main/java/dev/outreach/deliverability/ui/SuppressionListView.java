package dev.outreach.deliverability.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.outreach.deliverability.Suppression;
import dev.outreach.deliverability.SuppressionList;
import dev.outreach.security.Role;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.ui.ConfirmDialogs;
import jakarta.annotation.security.PermitAll;
import java.text.NumberFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * The addresses and domains never emailed again. Everyone signed in searches it; admins add and
 * remove entries. The grid pages lazily: the list grows with every bounce and unsubscribe.
 */
@Route("suppressions")
@PageTitle("Suppression list | Outreach Engine")
@Menu(order = 55, icon = "vaadin:ban", title = "Suppression list")
@PermitAll
public class SuppressionListView extends VerticalLayout {

    private static final DateTimeFormatter ADDED = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
            .withLocale(Locale.US).withZone(ZoneId.systemDefault());

    private final transient SuppressionList suppressions;
    private final boolean admin;
    final TextField search = new TextField();
    final Span count = new Span();
    final Button add = new Button("Add", new Icon(VaadinIcon.PLUS));
    final Grid<Suppression> grid = new Grid<>(Suppression.class, false);

    public SuppressionListView(SuppressionList suppressions, AuthenticationContext authentication) {
        this.suppressions = suppressions;
        this.admin = authentication.hasRole(Role.ADMIN_NAME);
        addClassName("view");
        setSizeFull();
        search.setPlaceholder("Search address, domain or reason");
        search.setPrefixComponent(new Icon(VaadinIcon.SEARCH));
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setWidth("22rem");
        search.addValueChangeListener(change -> refresh());
        count.addClassName("suppression-count");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.addClickListener(click -> new SuppressionDialog(suppressions,
                added -> changed(added.entry() + " suppressed")).open());
        add.setVisible(admin);
        HorizontalLayout toolbar = new HorizontalLayout(new H2("Suppression list"), search, count, add);
        toolbar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        toolbar.setWidthFull();
        toolbar.setWrap(true);
        configureGrid();
        add(toolbar, grid);
        refresh();
    }

    private void configureGrid() {
        grid.setSizeFull();
        grid.addColumn(Suppression::entry).setHeader("Address or domain").setKey("entry").setAutoWidth(true);
        grid.addColumn(s -> s.kind() == Suppression.Kind.ADDRESS ? "Address" : "Domain").setHeader("Kind")
                .setKey("kind").setAutoWidth(true);
        grid.addColumn(Suppression::reason).setHeader("Reason").setKey("reason").setFlexGrow(1);
        grid.addColumn(s -> ADDED.format(s.createdAt())).setHeader("Added").setKey("added").setAutoWidth(true);
        if (admin) {
            grid.addComponentColumn(entry -> {
                Button remove = new Button("Remove", click -> confirmRemove(entry));
                remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
                return remove;
            }).setHeader("Actions").setKey("actions").setAutoWidth(true);
        }
    }

    private void confirmRemove(Suppression entry) {
        ConfirmDialogs.destructive("Remove " + entry.entry() + " from the suppression list?",
                "It was suppressed because: " + entry.reason() + ". Once removed, "
                        + (entry.kind() == Suppression.Kind.ADDRESS ? "this address" : "addresses at this domain")
                        + " may be emailed again.",
                "Remove", () -> {
                    try {
                        suppressions.remove(entry.id());
                        changed(entry.entry() + " removed from the suppression list");
                    } catch (InvalidInputException rejected) {
                        Notification.show(rejected.errors().getFirst().message())
                                .addThemeVariants(NotificationVariant.LUMO_ERROR);
                        refresh();
                    }
                });
    }

    private void changed(String message) {
        Notification.show(message).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        refresh();
    }

    private void refresh() {
        String text = search.getValue();
        grid.setItems(query -> suppressions.search(text, query.getOffset(), query.getLimit()).stream(),
                query -> suppressions.count(text));
        int total = suppressions.count(text);
        count.setText(NumberFormat.getIntegerInstance(Locale.US).format(total) + (total == 1 ? " entry" : " entries"));
    }
}
