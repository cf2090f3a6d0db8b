package dev.outreach.inbox.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import dev.outreach.shared.ui.MenuCountsChanged;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.splitlayout.SplitLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.outreach.inbox.Inbox;
import dev.outreach.inbox.InboxChoices;
import dev.outreach.inbox.InboxFilter;
import dev.outreach.inbox.InboxPage;
import dev.outreach.inbox.InboxRow;
import dev.outreach.inbox.IntentLabel;
import dev.outreach.inbox.OpenReply;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.Wording;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every reply and automatic answer of every mailbox, newest first, with filters; opening one shows
 * the lead's whole thread and card, then every {@link InboxThreadSection} (actions, the reply
 * composer) in their order. The grid pages with the service's cursor. Lead data is untrusted:
 * everything is shown as text.
 */
@Route("inbox")
@PageTitle("Inbox | Outreach Engine")
@Menu(order = 1, icon = "vaadin:inbox", title = "Inbox")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class InboxView extends VerticalLayout {

    /** The route, for the menu entry's unread count. */
    public static final String ROUTE = "inbox";
    private static final int PAGE = 50;
    static final DateTimeFormatter TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
            .withLocale(Locale.US).withZone(ZoneId.systemDefault());

    private final transient Inbox inbox;
    private final transient List<InboxThreadSection> sections;

    final Span unread = new Span();
    final Select<IntentLabel> label = new Select<>();
    final ComboBox<InboxChoices.Choice> campaign = new ComboBox<>("Campaign");
    final ComboBox<InboxChoices.Choice> mailbox = new ComboBox<>("Mailbox");
    final ComboBox<String> assignee = new ComboBox<>("Assignee");
    final Checkbox unreadOnly = new Checkbox("Unread only");
    final DatePicker from = new DatePicker("From");
    final DatePicker to = new DatePicker("To");
    final Grid<InboxRow> grid = new Grid<>();
    final Div detail = new Div();
    /** The open reply's card, thread and "Mark unread", above the sections. */
    private final Div threadPart = new Div();
    /** The open reply's "Mark unread"; a new one with each opened reply. */
    Button markUnread;

    private InboxFilter filter = InboxFilter.all();
    /** Where each loaded stretch of rows starts: grid offset -> the cursor of the page starting there. */
    private final TreeMap<Integer, String> cursors = new TreeMap<>(Map.of(0, ""));
    private InboxRow opened;

    public InboxView(Inbox inbox, List<InboxThreadSection> sections) {
        this.inbox = inbox;
        this.sections = sections.stream().sorted(Comparator.comparingInt(InboxThreadSection::order)).toList();
        addClassName("view");
        addClassName("inbox-view");
        setSizeFull();
        configureGrid();
        detail.addClassName("inbox-detail");
        detail.setVisible(false);
        SplitLayout split = new SplitLayout(grid, detail);
        split.setSizeFull();
        split.setSplitterPosition(55);
        HorizontalLayout heading = new HorizontalLayout(new H2("Inbox"), unread);
        heading.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        unread.addClassName("inbox-unread");
        add(heading, createFilters(), split);
        setFlexGrow(1, split);
        refresh();
    }

    private Component createFilters() {
        label.setLabel("Label");
        label.setItems(IntentLabel.values());
        label.setEmptySelectionAllowed(true);
        label.setEmptySelectionCaption("Any label");
        label.setItemLabelGenerator(value -> value == null ? "Any label" : InboxLabels.text(value));
        label.addValueChangeListener(change -> applyFilter(filter.withLabel(change.getValue())));

        InboxChoices choices = inbox.choices();
        campaign.setItems(choices.campaigns());
        campaign.setItemLabelGenerator(InboxChoices.Choice::name);
        campaign.setClearButtonVisible(true);
        campaign.setPlaceholder("Any campaign");
        campaign.addValueChangeListener(change -> applyFilter(filter.withCampaign(
                change.getValue() == null ? null : change.getValue().id())));
        mailbox.setItems(choices.mailboxes());
        mailbox.setItemLabelGenerator(InboxChoices.Choice::name);
        mailbox.setClearButtonVisible(true);
        mailbox.setPlaceholder("Any mailbox");
        mailbox.addValueChangeListener(change -> applyFilter(filter.withMailbox(
                change.getValue() == null ? null : change.getValue().id())));
        assignee.setItems(choices.users());
        assignee.setClearButtonVisible(true);
        assignee.setPlaceholder("Anyone or nobody");
        assignee.addValueChangeListener(change -> applyFilter(filter.withAssignee(change.getValue())));
        unreadOnly.addValueChangeListener(change -> applyFilter(filter.withUnreadOnly(change.getValue())));
        from.setClearButtonVisible(true);
        to.setClearButtonVisible(true);
        from.addValueChangeListener(change -> applyDates());
        to.addValueChangeListener(change -> applyDates());

        HorizontalLayout filters = new HorizontalLayout(label, campaign, mailbox, assignee, from, to, unreadOnly);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        filters.addClassName("inbox-filters");
        return filters;
    }

    private void applyDates() {
        try {
            from.setInvalid(false);
            to.setInvalid(false);
            applyFilter(filter.withDates(from.getValue(), to.getValue()));
        } catch (InvalidInputException refused) {
            to.setErrorMessage(refused.errors().getFirst().message());
            to.setInvalid(true);
        }
    }

    private void applyFilter(InboxFilter changed) {
        filter = changed;
        refresh();
    }

    private void configureGrid() {
        grid.addClassName("inbox-grid");
        grid.setSizeFull();
        // every column renders text: lead values and mail content are untrusted
        grid.addColumn(row -> row.read() ? "" : "Unread").setHeader("").setKey("read").setWidth("6em").setFlexGrow(0);
        grid.addColumn(row -> TIME.format(row.receivedAt())).setHeader("Received").setKey("received").setAutoWidth(true);
        grid.addColumn(InboxRow::leadName).setHeader("Lead").setKey("lead").setAutoWidth(true);
        // the label beside the lead: with the thread open, the grid's half of the screen shows these first
        grid.addColumn(InboxLabels::of).setHeader("Label").setKey("label").setAutoWidth(true);
        grid.addColumn(InboxRow::company).setHeader("Company").setKey("company").setAutoWidth(true);
        grid.addColumn(row -> row.subject() + (row.snippet().isEmpty() ? "" : " – " + row.snippet()))
                .setHeader("Reply").setKey("reply").setFlexGrow(3);
        grid.addColumn(InboxRow::from).setHeader("From").setKey("from").setAutoWidth(true);
        grid.addColumn(row -> row.campaign().orElse("")).setHeader("Campaign").setKey("campaign").setAutoWidth(true);
        grid.addColumn(row -> row.mailbox().orElse("")).setHeader("Mailbox").setKey("mailbox").setAutoWidth(true);
        grid.addColumn(row -> row.assignee().orElse("")).setHeader("Assignee").setKey("assignee").setAutoWidth(true);
        grid.setPartNameGenerator(row -> row.read() ? null : "unread");
        grid.setItems(query -> fetch(query.getOffset(), query.getLimit()));
        grid.addItemClickListener(click -> open(click.getItem().replyId()));
    }

    /** Rows {@code offset} to {@code offset + limit}, walking the service's pages from the nearest known cursor. */
    private Stream<InboxRow> fetch(int offset, int limit) {
        Map.Entry<Integer, String> start = cursors.floorEntry(offset);
        int position = start.getKey();
        String cursor = start.getValue();
        List<InboxRow> rows = new ArrayList<>();
        while (position < offset + limit) {
            InboxPage page = inbox.page(filter, cursor, Math.min(Inbox.MAX_PAGE, Math.max(PAGE, offset + limit - position)));
            for (InboxRow row : page.rows()) {
                if (position >= offset && position < offset + limit) {
                    rows.add(row);
                }
                position++;
            }
            if (page.next().isEmpty()) {
                break;
            }
            cursor = page.next().get();
            cursors.put(position, cursor);
        }
        return rows.stream();
    }

    void refresh() {
        cursors.clear();
        cursors.put(0, "");
        grid.getDataProvider().refreshAll();
        showUnread();
    }

    private void showUnread() {
        unread.setText(Wording.count(inbox.unreadCount(), "unread reply", "unread replies"));
        getUI().ifPresent(ui -> ComponentUtil.fireEvent(ui, new MenuCountsChanged(ui)));
    }

    /** Opens a reply: read for the whole team from now on; its thread, the lead's card and the sections below. */
    void open(long replyId) {
        OpenReply reply = inbox.open(replyId);
        detail.removeAll();
        showThread(reply);
        detail.add(threadPart);
        InboxThread thread = new InboxThread(opened.replyId(), opened.leadId(), opened.mailboxId(), opened.campaignId());
        for (InboxThreadSection section : sections) {
            detail.add(section.create(thread, this::threadChanged));
        }
        detail.setVisible(true);
        refresh();
    }

    private void showThread(OpenReply reply) {
        opened = reply.reply();
        threadPart.removeAll();
        threadPart.add(new InboxThreadPanel(reply), createReplyActions());
    }

    private Component createReplyActions() {
        long replyId = opened.replyId();
        markUnread = new Button("Mark unread", new Icon(VaadinIcon.ENVELOPE), click -> {
            inbox.markUnread(replyId);
            click.getSource().setEnabled(false);
            refresh();
        });
        markUnread.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout actions = new HorizontalLayout(markUnread);
        actions.addClassName("inbox-reply-actions");
        return actions;
    }

    /**
     * A section changed the thread or what the list shows: both are drawn again. The sections stay
     * as they are (each redraws itself), so that a reply being written survives an action beside it.
     */
    private void threadChanged() {
        Optional.ofNullable(opened).ifPresent(reply -> {
            showThread(inbox.open(reply.replyId()));
            refresh();
        });
    }
}
