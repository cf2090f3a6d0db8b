package dev.outreach.outreach.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.outreach.channel.contactform.ContactFormOptOuts;
import dev.outreach.lead.LeadService;
import dev.outreach.outreach.MessageFilter;
import dev.outreach.outreach.OutreachMessage;
import dev.outreach.outreach.OutreachService;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.MessageStatus;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Optional;

/** Every outreach message, newest first, filterable; open a row to see each attempt. */
@Route("outreach")
@PageTitle("Outreach history | Outreach Engine")
@Menu(order = 20, icon = "vaadin:envelopes-o", title = "Outreach history")
@PermitAll
public class OutreachHistoryView extends VerticalLayout {

    private final transient OutreachService outreach;
    private final transient LeadService leads;
    private final transient ContactFormOptOuts optOuts;
    final Grid<HistoryRow> grid = new Grid<>(HistoryRow.class, false);
    final Select<MessageStatus> status = new Select<>();
    final Select<ChannelType> channel = new Select<>();
    final Checkbox needsReview = new Checkbox("Needs review only");

    public OutreachHistoryView(OutreachService outreach, LeadService leads, ContactFormOptOuts optOuts) {
        this.outreach = outreach;
        this.leads = leads;
        this.optOuts = optOuts;
        addClassName("view");
        setSizeFull();
        configureFilters();
        configureGrid();
        add(new H2("Outreach history"), new HorizontalLayout(status, channel, needsReview), grid);
        refresh();
    }

    private void configureFilters() {
        status.setLabel("Status");
        status.setItems(MessageStatus.values());
        status.setEmptySelectionAllowed(true);
        status.setEmptySelectionCaption("Any status");
        status.addValueChangeListener(change -> refresh());
        channel.setLabel("Channel used");
        channel.setItems(ChannelType.values());
        channel.setItemLabelGenerator(value -> value == null ? "Any channel" : value.label());
        channel.setEmptySelectionAllowed(true);
        channel.setEmptySelectionCaption("Any channel");
        channel.addValueChangeListener(change -> refresh());
        needsReview.addValueChangeListener(change -> refresh());
    }

    private void configureGrid() {
        grid.setSizeFull();
        grid.addColumn(row -> AttemptList.TIME.format(row.message().createdAt())).setHeader("Created").setAutoWidth(true);
        // Lead values are untrusted: text columns render them as text, never as HTML.
        grid.addColumn(HistoryRow::leadName).setHeader("Lead").setKey("lead").setAutoWidth(true);
        grid.addColumn(HistoryRow::company).setHeader("Company").setKey("company").setAutoWidth(true);
        grid.addColumn(row -> row.message().subject()).setHeader("Subject").setFlexGrow(1);
        grid.addColumn(row -> row.message().needsReview() ? "NEEDS REVIEW" : row.message().status().name())
                .setHeader("Status").setAutoWidth(true);
        grid.addColumn(row -> row.message().channelUsed() == null ? "" : row.message().channelUsed().label())
                .setHeader("Channel").setAutoWidth(true);
        grid.addColumn(row -> row.message().statusReason() == null ? "" : row.message().statusReason())
                .setHeader("Why").setFlexGrow(1);
        grid.setItemDetailsRenderer(new ComponentRenderer<>(row -> details(row.message())));
        // a click opens and closes a row's attempts by itself (details visible on click); toggling them
        // here as well closed them again at once
    }

    com.vaadin.flow.component.Component details(OutreachMessage message) {
        VerticalLayout details = new VerticalLayout(new AttemptList(outreach.attempts(message.id()),
                attempt -> optOutSite(message)));
        details.setPadding(false);
        if (message.needsReview()) {
            Button sent = new Button("It went out: mark sent", click -> resolve(message, true));
            Button again = new Button("It did not go out: send again", click -> resolve(message, false));
            again.addThemeVariants(ButtonVariant.LUMO_ERROR);
            details.add(new HorizontalLayout(sent, again));
        }
        return details;
    }

    /** The lead's site (its contact form page, else its website) goes on the contact-form opt-out list. */
    void optOutSite(OutreachMessage message) {
        Optional<String> site = leads.find(message.leadId())
                .map(lead -> lead.fields().getContactFormUrl() != null ? lead.fields().getContactFormUrl()
                        : lead.fields().getWebsite());
        if (site.isEmpty()) {
            Notification.show("The lead has no website any more").addThemeVariants(NotificationVariant.LUMO_ERROR);
            return;
        }
        try {
            String domain = optOuts.addFromAttempt(site.get(), "asked to stop (attempt of message " + message.id() + ")");
            Notification.show(domain + " will not be contacted through its form again")
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (InvalidInputException bad) {
            Notification.show(bad.errors().getFirst().message()).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private void resolve(OutreachMessage message, boolean wentOut) {
        try {
            outreach.resolveReview(message.id(), wentOut);
            Notification.show(wentOut ? "Marked sent" : "Queued to send again").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (InvalidInputException changed) {
            Notification.show(changed.errors().getFirst().message()).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        refresh();
    }

    private void refresh() {
        MessageFilter filter = new MessageFilter(status.getValue(), channel.getValue(), needsReview.getValue(), null);
        grid.setItems(query -> {
            List<OutreachMessage> page = outreach.recentMessages(filter, query.getOffset(), query.getLimit());
            return HistoryRow.of(page, leads.findAll(page.stream().map(OutreachMessage::leadId).distinct().toList())).stream();
        });
    }
}
