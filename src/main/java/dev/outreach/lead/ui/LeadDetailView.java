package dev.outreach.lead.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.outreach.lead.LeadBulkAction;
import dev.outreach.lead.LeadCampaigns;
import dev.outreach.lead.LeadCampaigns.CampaignMembership;
import dev.outreach.lead.LeadDetailSection;
import dev.outreach.lead.LeadDetails;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadSelection;
import dev.outreach.lead.LeadService;
import dev.outreach.shared.ui.ConfirmDialogs;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Everything about one lead, with its grade and the reasons for it, and the campaigns it is enrolled in. */
@Route("lead")
@PermitAll
public class LeadDetailView extends VerticalLayout implements HasUrlParameter<Long>, HasDynamicTitle {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
            .withLocale(Locale.US).withZone(ZoneId.systemDefault());

    private final transient LeadService leads;
    private final transient LeadCampaigns campaigns;
    private final transient List<LeadBulkAction> actions;
    private final transient AuthenticationContext authentication;
    private final transient List<LeadDetailSection> sections;
    private LeadDetails lead;

    public LeadDetailView(LeadService leads, LeadCampaigns campaigns, AuthenticationContext authentication,
            List<LeadDetailSection> sections, List<LeadBulkAction> actions) {
        this.leads = leads;
        this.campaigns = campaigns;
        this.actions = actions.stream().sorted(java.util.Comparator.comparingInt(LeadBulkAction::order)).toList();
        this.authentication = authentication;
        this.sections = sections.stream().sorted(java.util.Comparator.comparingInt(LeadDetailSection::order)).toList();
        addClassName("view");
    }

    @Override
    public void setParameter(BeforeEvent event, Long id) {
        lead = leads.find(id).orElseThrow(() -> new NotFoundException("No lead with id " + id));
        render();
    }

    @Override
    public String getPageTitle() {
        return (lead == null ? "Lead" : lead.displayName()) + " | Outreach Engine";
    }

    private void render() {
        removeAll();
        H2 name = new H2(lead.displayName());
        HorizontalLayout heading = new HorizontalLayout(name, new GradeBadge(lead.grade()));
        heading.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);

        Button edit = new Button("Edit", new Icon(VaadinIcon.EDIT), click -> {
            LeadForm form = new LeadForm(leads, lead.id(), lead.fields());
            form.addSavedListener(saved -> {
                lead = leads.find(lead.id()).orElseThrow();
                render();
            });
            form.open();
        });
        edit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout actions = new HorizontalLayout(new RouterLink("← All leads", LeadsView.class), edit);
        actions.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        if (authentication.hasRole("ADMIN")) {
            Button delete = new Button("Delete", new Icon(VaadinIcon.TRASH), click -> confirmDelete());
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            actions.add(delete);
        }
        // the grid's actions for this one lead (cadence's "Enroll in campaign")
        for (LeadBulkAction action : this.actions) {
            actions.add(new Button(action.label(), click -> action.run(LeadSelection.of(List.of(lead.id())), this::reload)));
        }
        add(actions, heading, fields(), campaigns(), gradeReasons());
        sections.forEach(section -> add(section.create(lead, this::reload)));
    }

    private void reload() {
        lead = leads.find(lead.id()).orElseThrow();
        render();
    }

    /** Deleting removes the lead's history too, so the operator confirms, seeing whom. */
    private void confirmDelete() {
        String company = lead.fields().getCompany();
        String whom = company == null || company.isBlank() ? lead.displayName() : lead.displayName() + " (" + company + ")";
        ConfirmDialogs.destructive("Delete this lead?",
                whom + " and their outreach history will be deleted. This cannot be undone.", "Delete lead", () -> {
                    leads.delete(lead.id());
                    getUI().ifPresent(ui -> ui.navigate(LeadsView.class));
                });
    }

    private Component fields() {
        LeadDraft f = lead.fields();
        Div grid = new Div();
        grid.addClassName("detail-grid");
        row(grid, "Company", f.getCompany());
        row(grid, "Title", f.getTitle());
        row(grid, "Industry", f.getIndustry());
        row(grid, "Email", f.getEmail());
        row(grid, "Phone", f.getPhone());
        row(grid, "LinkedIn", f.getLinkedin());
        row(grid, "LinkedIn id", lead.linkedinId());
        row(grid, "Website", f.getWebsite());
        row(grid, "Contact form", f.getContactFormUrl());
        row(grid, "Location", join(f.getCity(), f.getState(), f.getCountry()));
        row(grid, "Time zone", f.getTimeZone());
        row(grid, "Employees", f.getEmployeeCount() == null ? null : f.getEmployeeCount().toString());
        row(grid, "Annual revenue", f.getAnnualRevenue() == null ? null
                : "$" + String.format(Locale.US, "%,d", f.getAnnualRevenue()));
        row(grid, "Status", f.getStatus() == null ? null : f.getStatus().label());
        row(grid, "Outcome", lead.outcome() == null ? null : lead.outcome().label());
        row(grid, "Source", lead.source());
        row(grid, "Notes", f.getNotes());
        row(grid, "Last outreach", lead.lastOutreachAt() == null ? "never" : TIME.format(lead.lastOutreachAt()));
        row(grid, "Created", TIME.format(lead.createdAt()));
        row(grid, "Updated", TIME.format(lead.updatedAt()));
        return grid;
    }

    /** The lead's enrollments: a lead is in a campaign exactly when it is enrolled in it. */
    private Component campaigns() {
        List<CampaignMembership> memberships = campaigns.of(lead.id());
        VerticalLayout section = new VerticalLayout(new H3("Campaigns"));
        section.setPadding(false);
        section.addClassName("lead-campaigns");
        if (memberships.isEmpty()) {
            section.add(new Span("Not enrolled in any campaign."));
            return section;
        }
        UnorderedList list = new UnorderedList();
        for (CampaignMembership m : memberships) {
            list.add(new ListItem(String.format(Locale.US, "%s: %s, touch %d%s, enrolled %s", m.campaignName(),
                    m.status(), m.touch(), m.cycle() > 0 ? ", re-contact cycle " + m.cycle() : "",
                    TIME.format(m.enrolledAt()))));
        }
        section.add(list);
        return section;
    }

    private Component gradeReasons() {
        UnorderedList reasons = new UnorderedList();
        lead.gradeReasons().forEach(reason -> reasons.add(new ListItem(reason)));
        Div section = new Div(new H3("Why grade " + lead.grade() + "?"), reasons);
        section.addClassName("grade-reasons");
        return section;
    }

    private static void row(Div grid, String label, String value) {
        Span term = new Span(label);
        term.getElement().setAttribute("role", "term");
        term.addClassName("term");
        Span definition = new Span(value == null || value.isBlank() ? "—" : value);
        grid.add(term, definition);
    }

    private static String join(String... parts) {
        return String.join(", ", java.util.Arrays.stream(parts).filter(Objects::nonNull).toList());
    }
}
