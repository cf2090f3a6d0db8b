package dev.outreach.lead.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.outreach.campaign.CampaignService;
import dev.outreach.campaign.CampaignSummary;
import dev.outreach.lead.CsvEncoding;
import dev.outreach.lead.Grade;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadExportService;
import dev.outreach.lead.LeadFilter;
import dev.outreach.lead.LeadRow;
import dev.outreach.lead.LeadSelection;
import dev.outreach.lead.LeadService;
import dev.outreach.lead.LeadSort;
import dev.outreach.lead.LeadStatus;
import dev.outreach.shared.Wording;
import dev.outreach.shared.ui.ConfirmDialogs;
import jakarta.annotation.security.PermitAll;
import java.text.NumberFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

/**
 * The leads grid: server-side paging, sorting and filtering over any number of leads. The row
 * count comes from a short-lived cache, so scrolling never counts again.
 */
@Route("leads")
@PageTitle("Leads | Outreach Engine")
@Menu(order = 10, icon = "vaadin:users", title = "Leads")
@PermitAll
public class LeadsView extends VerticalLayout {

    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
            .withLocale(Locale.US).withZone(ZoneId.systemDefault());

    private final transient LeadService leads;
    private final transient LeadExportService export;
    private final transient List<CampaignSummary> campaigns;
    private final transient List<dev.outreach.lead.LeadBulkAction> bulkActions;

    final Grid<LeadRow> grid = new Grid<>(LeadRow.class, false);
    final TextField search = new TextField();
    final Select<LeadStatus> status = new Select<>();
    final Select<Grade> grade = new Select<>();
    final ComboBox<CampaignSummary> campaign = new ComboBox<>();
    final Span count = new Span();
    final Select<CsvEncoding> exportEncoding = new Select<>();
    final Checkbox allMatching = new Checkbox();
    final Button deleteSelected = new Button("Delete", new Icon(VaadinIcon.TRASH));
    private final List<Button> selectionButtons = new java.util.ArrayList<>();
    private final transient AuthenticationContext authentication;
    private LeadFilter filter = LeadFilter.all();

    public LeadsView(LeadService leads, LeadExportService export, CampaignService campaigns,
            List<dev.outreach.lead.LeadBulkAction> bulkActions, AuthenticationContext authentication) {
        this.leads = leads;
        this.authentication = authentication;
        this.export = export;
        this.campaigns = campaigns.findAll();
        this.bulkActions = bulkActions.stream()
                .sorted(java.util.Comparator.comparingInt(dev.outreach.lead.LeadBulkAction::order)).toList();
        addClassName("view");
        setSizeFull();
        configureGrid();
        add(createToolbar(), grid);
        refresh();
    }

    /**
     * Actions on the selected leads: other modules' (enroll) and, for admins, delete. They act on
     * the ticked rows, or with "Select all N matching" on every lead of the filter, resolved on the
     * server when the action runs (the grid loads only the rows in view).
     */
    private void addBulkActions(HorizontalLayout toolbar) {
        boolean admin = authentication.hasRole("ADMIN");
        if (bulkActions.isEmpty() && !admin) {
            return;
        }
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        allMatching.addValueChangeListener(change -> {
            if (change.getValue()) {
                grid.deselectAll();
            }
            enableSelectionButtons();
        });
        grid.addSelectionListener(selection -> {
            if (!grid.getSelectedItems().isEmpty()) {
                allMatching.setValue(false); // ticking rows means "these rows"
            }
            enableSelectionButtons();
        });
        toolbar.add(allMatching);
        for (dev.outreach.lead.LeadBulkAction action : bulkActions) {
            Button button = new Button(action.label(), click -> action.run(selection(), this::afterBulkAction));
            selectionButtons.add(button);
            toolbar.add(button);
        }
        if (admin) {
            deleteSelected.addThemeVariants(ButtonVariant.LUMO_ERROR);
            deleteSelected.addClickListener(click -> confirmDeleteSelected());
            selectionButtons.add(deleteSelected);
            toolbar.add(deleteSelected);
        }
        enableSelectionButtons();
    }

    private void enableSelectionButtons() {
        boolean any = allMatching.getValue() || !grid.getSelectedItems().isEmpty();
        selectionButtons.forEach(button -> button.setEnabled(any));
    }

    /** What the bulk actions act on now. */
    LeadSelection selection() {
        return allMatching.getValue() ? LeadSelection.matching(filter, leads.count(filter))
                : LeadSelection.of(grid.getSelectedItems().stream().map(LeadRow::id).toList());
    }

    private void confirmDeleteSelected() {
        LeadSelection selection = selection();
        ConfirmDialogs.destructive("Delete " + selection.describe() + "?",
                "Their enrollments and outreach history are deleted with them. This cannot be undone.",
                "Delete " + Wording.count(selection.size(), "lead"), () -> {
                    int deleted = leads.delete(selection);
                    Notification.show("Deleted " + Wording.count(deleted, "lead")).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                    afterBulkAction();
                });
    }

    private void afterBulkAction() {
        grid.deselectAll();
        allMatching.setValue(false);
        refresh();
    }

    private void configureGrid() {
        grid.setSizeFull();
        grid.addColumn(LeadRow::name).setHeader("Name").setKey("name")
                .setSortProperty(LeadSort.NAME.name()).setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(LeadRow::company).setHeader("Company").setKey("company")
                .setSortProperty(LeadSort.COMPANY.name()).setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(LeadRow::email).setHeader("Email").setKey("email").setAutoWidth(true);
        grid.addColumn(LeadRow::title).setHeader("Title").setKey("title").setAutoWidth(true);
        grid.addColumn(LeadRow::industry).setHeader("Industry").setKey("industry").setAutoWidth(true);
        grid.addColumn(row -> row.city() == null ? "" : row.city() + (row.state() == null ? "" : ", " + row.state()))
                .setHeader("Location").setKey("location").setAutoWidth(true);
        grid.addComponentColumn(row -> new GradeBadge(row.grade())).setHeader("Grade").setKey("grade")
                .setSortProperty(LeadSort.GRADE.name()).setTextAlign(ColumnTextAlign.CENTER).setWidth("6em").setFlexGrow(0);
        grid.addColumn(row -> row.status().label()).setHeader("Status").setKey("status")
                .setSortProperty(LeadSort.STATUS.name()).setAutoWidth(true);
        grid.addColumn(row -> CREATED.format(row.createdAt())).setHeader("Created").setKey("created")
                .setSortProperty(LeadSort.CREATED.name()).setAutoWidth(true);
        grid.addItemClickListener(click -> getUI().ifPresent(ui -> ui.navigate(LeadDetailView.class, click.getItem().id())));
        grid.setMultiSort(false);
    }

    private Component createToolbar() {
        search.setPlaceholder("Search name, company, email");
        search.setPrefixComponent(new Icon(VaadinIcon.SEARCH));
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(change -> applyFilter(filter.withText(change.getValue())));

        status.setPlaceholder("Any status");
        status.setEmptySelectionAllowed(true);
        status.setEmptySelectionCaption("Any status");
        status.setItems(LeadStatus.values());
        status.setItemLabelGenerator(value -> value == null ? "Any status" : value.label());
        status.addValueChangeListener(change -> applyFilter(filter.withStatus(change.getValue())));

        grade.setPlaceholder("Any grade");
        grade.setEmptySelectionAllowed(true);
        grade.setEmptySelectionCaption("Any grade");
        grade.setItems(Grade.values());
        grade.setItemLabelGenerator(value -> value == null ? "Any grade" : "Grade " + value.name());
        grade.addValueChangeListener(change -> applyFilter(filter.withGrade(change.getValue())));

        campaign.setPlaceholder("Any campaign");
        campaign.setItems(campaigns);
        campaign.setItemLabelGenerator(CampaignSummary::name);
        campaign.setClearButtonVisible(true);
        campaign.addValueChangeListener(change ->
                applyFilter(filter.withCampaign(change.getValue() == null ? null : change.getValue().id())));

        Button create = new Button("New lead", new Icon(VaadinIcon.PLUS), click -> openNewLeadForm());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button importCsv = new Button("Import CSV", new Icon(VaadinIcon.UPLOAD),
                click -> getUI().ifPresent(ui -> ui.navigate(LeadImportView.class)));
        Anchor exportCsv = new Anchor();
        exportCsv.setHref((DownloadHandler) event -> {
            event.setFileName("leads.csv");
            event.setContentType("text/csv");
            writeExport(event.getOutputStream());
        });
        exportCsv.add(new Button("Export CSV", new Icon(VaadinIcon.DOWNLOAD)));
        exportCsv.getElement().setAttribute("download", true);
        exportCsv.setId("export-csv");
        exportEncoding.setItems(CsvEncoding.values());
        exportEncoding.setItemLabelGenerator(CsvEncoding::label);
        exportEncoding.setValue(CsvEncoding.UTF_8);
        exportEncoding.setAriaLabel("Export file encoding");
        exportEncoding.setTooltipText("Choose \"UTF-8 with BOM\" for Excel: without it Excel garbles accents (Müller)");

        count.addClassName("lead-count");
        HorizontalLayout toolbar = new HorizontalLayout(search, status, grade, campaign, count, create, importCsv, exportCsv,
                exportEncoding);
        addBulkActions(toolbar);
        toolbar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        toolbar.setFlexGrow(1, count);
        toolbar.setWidthFull();
        toolbar.setWrap(true);
        return toolbar;
    }

    /** What the Export CSV link downloads: the leads of the grid's current filter, in the chosen encoding. */
    void writeExport(java.io.OutputStream out) throws java.io.IOException {
        export.exportCsv(filter, exportEncoding.getValue(), out);
    }

    private void applyFilter(LeadFilter newFilter) {
        filter = newFilter;
        allMatching.setValue(false); // "all matching" meant the old filter
        refresh();
    }

    private void refresh() {
        LeadFilter current = filter;
        grid.setItems(query -> {
            SortChoice sort = SortChoice.from(query.getSortOrders());
            return leads.page(current, sort.sort(), sort.descending(), query.getOffset(), query.getLimit()).stream();
        }, query -> leads.count(current));
        int matching = leads.count(current);
        count.setText(Wording.count(matching, "lead"));
        allMatching.setLabel("Select all " + NumberFormat.getIntegerInstance(Locale.US).format(matching) + " matching");
    }

    private void openNewLeadForm() {
        LeadForm form = new LeadForm(leads, null, new LeadDraft());
        form.addSavedListener(saved -> refresh());
        form.open();
    }

    /** The grid's sort translated to the service's whitelist; newest first by default. */
    record SortChoice(LeadSort sort, boolean descending) {

        static SortChoice from(List<QuerySortOrder> orders) {
            if (orders.isEmpty()) {
                return new SortChoice(LeadSort.CREATED, true);
            }
            QuerySortOrder first = orders.getFirst();
            return new SortChoice(LeadSort.valueOf(first.getSorted()), first.getDirection() == SortDirection.DESCENDING);
        }
    }
}
