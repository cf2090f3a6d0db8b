package dev.outreach.channel.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import dev.outreach.channel.contactform.ContactFormOptOuts;
import dev.outreach.channel.contactform.ContactFormOptOuts.OptOut;
import dev.outreach.shared.InvalidInputException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/** The sites that opted out of contact forms; admins add (a domain or any URL of the site) and remove them. */
class ContactFormOptOutsPanel extends VerticalLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
            .withLocale(Locale.US).withZone(ZoneId.systemDefault());

    private final transient ContactFormOptOuts optOuts;
    final Grid<OptOut> grid = new Grid<>(OptOut.class, false);
    final TextField domain = new TextField("Site (domain or web address)");
    final TextField reason = new TextField("Reason");
    final Button add = new Button("Opt out", click -> add());

    ContactFormOptOutsPanel(ContactFormOptOuts optOuts, boolean admin) {
        this.optOuts = optOuts;
        setPadding(false);
        add(new H3("Contact-form opt-outs"),
                new Paragraph("The contact-form channel never submits to these sites, whichever lead they belong to."));
        grid.addColumn(OptOut::domain).setHeader("Site").setAutoWidth(true);
        grid.addColumn(OptOut::reason).setHeader("Reason").setFlexGrow(1);
        grid.addColumn(OptOut::addedBy).setHeader("Added by").setAutoWidth(true);
        grid.addColumn(o -> TIME.format(o.addedAt())).setHeader("Added").setAutoWidth(true);
        if (admin) {
            grid.addComponentColumn(o -> {
                Button remove = new Button("Remove", click -> remove(o));
                remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
                return remove;
            }).setKey("remove").setAutoWidth(true);
            HorizontalLayout form = new HorizontalLayout(domain, reason, add);
            form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
            add(form);
        }
        grid.setAllRowsVisible(true);
        add(grid);
        refresh();
    }

    private void add() {
        try {
            String site = optOuts.add(domain.getValue(), reason.getValue());
            domain.clear();
            reason.clear();
            domain.setInvalid(false);
            Notification.show(site + " opted out").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            refresh();
        } catch (InvalidInputException bad) {
            domain.setErrorMessage(bad.errors().getFirst().message());
            domain.setInvalid(true);
        }
    }

    private void remove(OptOut optOut) {
        optOuts.remove(optOut.domain());
        refresh();
    }

    private void refresh() {
        grid.setItems(optOuts.list());
    }
}
