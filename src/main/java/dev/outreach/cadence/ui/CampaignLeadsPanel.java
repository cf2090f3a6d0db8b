package dev.outreach.cadence.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import dev.outreach.cadence.CampaignEnrollmentRow;
import dev.outreach.cadence.CampaignEnrollments;
import dev.outreach.cadence.EnrollmentPage;
import dev.outreach.cadence.EnrollmentQuery;
import dev.outreach.cadence.EnrollmentService;
import dev.outreach.cadence.EnrollmentStatus;
import dev.outreach.campaign.CampaignDetails;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.Wording;
import dev.outreach.shared.ui.ConfirmDialogs;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A campaign's leads: each enrollment with its touch, status, next due time and last event, by
 * status, with the selected ones removed, paused or resumed, and "Add leads" to enroll more.
 * The grid pages with the service's cursor, so the thousandth page costs what the first does.
 */
class CampaignLeadsPanel extends VerticalLayout {

    static final String ALL = "All statuses";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
            .withLocale(Locale.US).withZone(ZoneId.systemDefault());

    final Grid<CampaignEnrollmentRow> grid = new Grid<>();
    final Select<String> status = new Select<>();
    final Button add = new Button("Add leads", new Icon(VaadinIcon.PLUS));
    final Button remove = new Button("Remove", new Icon(VaadinIcon.TRASH));
    final Button pause = new Button("Pause", new Icon(VaadinIcon.PAUSE));
    final Button resume = new Button("Resume", new Icon(VaadinIcon.PLAY));

    private final transient CampaignEnrollments enrollments;
    private final transient EnrollmentService service;
    private final CampaignDetails campaign;
    /** Where each loaded stretch of rows starts: grid offset -> the cursor of the page starting there. */
    private final TreeMap<Integer, String> cursors = new TreeMap<>(Map.of(0, ""));

    CampaignLeadsPanel(CampaignEnrollments enrollments, EnrollmentService service, CampaignDetails campaign,
            Supplier<AddLeadsDialog> addLeads) {
        this.enrollments = enrollments;
        this.service = service;
        this.campaign = campaign;
        setPadding(false);
        List<String> statuses = new ArrayList<>(List.of(ALL));
        Stream.of(EnrollmentStatus.values()).map(Enum::name).forEach(statuses::add);
        statuses.add(EnrollmentQuery.PAUSED);
        status.setLabel("Status");
        status.setItems(statuses);
        status.setValue(ALL);
        status.addValueChangeListener(change -> refresh());
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.addClickListener(click -> addLeads.get().open(this::refresh));
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        remove.addClickListener(click -> confirmRemove());
        pause.addClickListener(click -> bulk("paused", service::pauseLeads));
        resume.addClickListener(click -> bulk("resumed", service::resumeLeads));
        configureGrid();
        HorizontalLayout toolbar = new HorizontalLayout(status, add, pause, resume, remove);
        toolbar.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        add(toolbar, grid);
        selectionChanged();
    }

    private void configureGrid() {
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        grid.addColumn(CampaignEnrollmentRow::leadName).setHeader("Lead").setKey("lead").setFlexGrow(2);
        grid.addColumn(CampaignEnrollmentRow::email).setHeader("Email").setKey("email").setFlexGrow(2);
        grid.addColumn(CampaignEnrollmentRow::company).setHeader("Company").setKey("company").setFlexGrow(2);
        grid.addColumn(CampaignEnrollmentRow::touch).setHeader("Touch").setKey("touch");
        grid.addColumn(CampaignEnrollmentRow::status).setHeader("Status").setKey("status");
        grid.addColumn(row -> row.nextDueAt() == null ? "" : TIME.format(row.nextDueAt())).setHeader("Next due").setKey("nextDue");
        grid.addColumn(row -> row.lastEvent() == null ? "" : row.lastEvent()
                + (row.lastEventAt() == null ? "" : ", " + TIME.format(row.lastEventAt()))).setHeader("Last event")
                .setKey("lastEvent").setFlexGrow(2);
        grid.setItems(query -> fetch(query.getOffset(), query.getLimit()));
        grid.addSelectionListener(change -> selectionChanged());
        grid.setWidthFull();
    }

    /** Rows {@code offset} to {@code offset + limit}, walking the service's pages from the nearest known cursor. */
    private Stream<CampaignEnrollmentRow> fetch(int offset, int limit) {
        EnrollmentQuery query = new EnrollmentQuery(ALL.equals(status.getValue()) ? null : status.getValue());
        Map.Entry<Integer, String> start = cursors.floorEntry(offset);
        int position = start.getKey();
        String cursor = start.getValue().isEmpty() ? null : start.getValue();
        List<CampaignEnrollmentRow> rows = new ArrayList<>();
        while (position < offset + limit) {
            EnrollmentPage page = enrollments.page(campaign.id(), query, cursor, Math.min(500, offset + limit - position));
            for (CampaignEnrollmentRow row : page.rows()) {
                if (position++ >= offset) {
                    rows.add(row);
                }
            }
            if (page.nextCursor() == null) {
                break;
            }
            cursor = page.nextCursor();
            cursors.put(position, cursor);
        }
        return rows.stream();
    }

    void refresh() {
        cursors.clear();
        cursors.put(0, "");
        grid.deselectAll();
        grid.getDataProvider().refreshAll();
    }

    private void selectionChanged() {
        boolean any = !grid.getSelectedItems().isEmpty();
        remove.setEnabled(any);
        pause.setEnabled(any);
        resume.setEnabled(any);
    }

    private List<Long> selectedLeads() {
        return grid.getSelectedItems().stream().map(CampaignEnrollmentRow::leadId).toList();
    }

    private void confirmRemove() {
        List<Long> leads = selectedLeads();
        ConfirmDialogs.destructive("Remove " + Wording.count(leads.size(), "lead") + " from " + campaign.name() + "?",
                "They get no more touches from this campaign; what was sent stays in their history. Added again later,"
                        + " they start at the first touch.", "Remove", () -> bulk("removed", service::remove));
    }

    private void bulk(String done, BulkAction action) {
        try {
            int changed = action.apply(campaign.id(), selectedLeads());
            Notification.show(Wording.count(changed, "lead") + " " + done).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            refresh();
        } catch (InvalidInputException refused) {
            Notification.show("Not done: " + refused.errors().getFirst().message()).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    /** One of the service's bulk methods: campaign and leads in, how many changed out. */
    @FunctionalInterface
    private interface BulkAction {
        int apply(long campaignId, List<Long> leadIds);
    }
}
