package dev.outreach.cadence.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.outreach.cadence.EnrollResult;
import dev.outreach.cadence.EnrollmentJobs;
import dev.outreach.cadence.EnrollmentService;
import dev.outreach.campaign.CampaignDetails;
import dev.outreach.lead.Grade;
import dev.outreach.lead.LeadFilter;
import dev.outreach.lead.LeadRow;
import dev.outreach.lead.LeadService;
import dev.outreach.lead.LeadSort;
import dev.outreach.lead.LeadStatus;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.Wording;
import java.util.List;
import java.util.UUID;

/**
 * "Add leads" on a campaign's Leads tab: the leads grid's filter (search, status, grade), the
 * matching leads to tick, then either the ticked ones or every lead matching the filter, the
 * latter as a background job whose progress the job dialog shows. The campaign's policy decides
 * about leads running elsewhere; the counts say what happened.
 */
class AddLeadsDialog extends Dialog {

    final TextField search = new TextField("Search");
    final ComboBox<LeadStatus> status = new ComboBox<>("Lead status");
    final ComboBox<Grade> grade = new ComboBox<>("Grade");
    final Span count = new Span();
    final Grid<LeadRow> leads = new Grid<>();
    final Button addSelected = new Button("Add selected");
    final Button addMatching = new Button();

    private final transient LeadService leadService;
    private final transient EnrollmentService enrollments;
    private final transient EnrollmentJobs jobs;
    private final CampaignDetails campaign;
    private Runnable done = () -> { };
    private int matching;

    AddLeadsDialog(LeadService leadService, EnrollmentService enrollments, EnrollmentJobs jobs, CampaignDetails campaign) {
        this.leadService = leadService;
        this.enrollments = enrollments;
        this.jobs = jobs;
        this.campaign = campaign;
        setHeaderTitle("Add leads to " + campaign.name());
        setWidth("64em");
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setPlaceholder("Name, company or email");
        status.setItems(LeadStatus.values());
        grade.setItems(Grade.values());
        search.addValueChangeListener(change -> refresh());
        status.addValueChangeListener(change -> refresh());
        grade.addValueChangeListener(change -> refresh());
        count.addClassName("add-leads-count");
        leads.setSelectionMode(Grid.SelectionMode.MULTI);
        leads.addColumn(LeadRow::name).setHeader("Lead").setKey("name");
        leads.addColumn(LeadRow::company).setHeader("Company").setKey("company");
        leads.addColumn(LeadRow::email).setHeader("Email").setKey("email");
        leads.addColumn(row -> row.status().name()).setHeader("Status").setKey("status");
        leads.setHeight("22em");
        leads.addSelectionListener(change -> addSelected.setText("Add selected (" + change.getAllSelectedItems().size() + ")"));
        addSelected.addClickListener(click -> addSelected());
        addMatching.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        addMatching.addClickListener(click -> addMatching());
        HorizontalLayout filters = new HorizontalLayout(search, status, grade, count);
        filters.setDefaultVerticalComponentAlignment(HorizontalLayout.Alignment.BASELINE);
        add(filters, leads);
        getFooter().add(new Button("Cancel", click -> close()), addSelected, addMatching);
    }

    /** Opens the dialog; {@code done} runs after leads were added. */
    void open(Runnable done) {
        this.done = done;
        refresh();
        open();
    }

    LeadFilter filter() {
        String text = search.getValue() == null || search.getValue().isBlank() ? null : search.getValue().strip();
        return new LeadFilter(text, status.getValue(), grade.getValue(), null);
    }

    void refresh() {
        LeadFilter filter = filter();
        matching = leadService.count(filter);
        count.setText(Wording.count(matching, "lead") + " match");
        addMatching.setText("Add all " + Wording.count(matching, "matching lead"));
        addMatching.setEnabled(matching > 0);
        addSelected.setText("Add selected (0)");
        leads.deselectAll();
        leads.setItems(query -> leadService.page(filter, LeadSort.CREATED, true, query.getOffset(), query.getLimit()).stream(),
                query -> leadService.count(filter));
    }

    private void addSelected() {
        List<Long> ids = leads.getSelectedItems().stream().map(LeadRow::id).toList();
        if (ids.isEmpty()) {
            Notification.show("Tick the leads to add, or add all matching ones").addThemeVariants(NotificationVariant.LUMO_WARNING);
            return;
        }
        try {
            EnrollResult result = enrollments.enroll(campaign.id(), ids);
            Notification.show(result.summary()).addThemeVariants(result.added() == ids.size()
                    ? NotificationVariant.LUMO_SUCCESS : NotificationVariant.LUMO_WARNING);
            close();
            done.run();
        } catch (InvalidInputException refused) {
            Notification.show("Not done: " + refused.errors().getFirst().message()).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private void addMatching() {
        try {
            UUID job = jobs.startByFilter(campaign.id(), filter());
            close();
            new EnrollmentJobDialog(jobs, job, campaign.name(), done).start(UI.getCurrent());
        } catch (InvalidInputException refused) {
            Notification.show("Not done: " + refused.errors().getFirst().message()).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }
}
