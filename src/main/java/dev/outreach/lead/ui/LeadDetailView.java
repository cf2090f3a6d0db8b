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
import dev.outreach.campaign.CampaignService;
import dev.outreach.campaign.CampaignSummary;
import dev.outreach.lead.LeadDetailSection;
import dev.outreach.lead.LeadDetails;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.shared.ui.ConfirmDialogs;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Everything about one lead, with its grade and the reasons for it. */
@Route("lead")
@PermitAll
public class LeadDetailView extends VerticalLayout implements HasUrlParameter<Long>, HasDynamicTitle {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
            .withLocale(Locale.US).withZone(ZoneId.systemDefault());

    private final transient LeadService leads;
    private final transient CampaignService campaignService;
    private final transient AuthenticationContext authentication;
    private final transient List<LeadDetailSection> sections;
    private LeadDetails lead;

    public LeadDetailView(LeadService leads, CampaignService campaignService, AuthenticationContext authentication,
            List<LeadDetailSection> sections) {
        this.leads = leads;
        this.campaignService = campaignService;
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
        List<CampaignSummary> campaigns = campaignService.findAll();
        H2 name = new H2(lead.displayName());
        HorizontalLayout heading = new HorizontalLayout(name, new GradeBadge(lead.grade()));
        heading.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);

        Button edit = new Button("Edit", new Icon(VaadinIcon.EDIT), click -> {
            LeadForm form = new LeadForm(leads, campaigns, lead.id(), lead.fields());
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
        add(actions, heading, fields(campaigns), gradeReasons());
        sections.forEach(section -> add(section.create(lead, () -> {
            lead = leads.find(lead.id()).orElseThrow();
            render();
        })));
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

    private Component fields(List<CampaignSummary> campaigns) {
        LeadDraft f = lead.fields();
        String campaign = campaigns.stream().filter(c -> Objects.equals(c.id(), f.getCampaignId()))
                .map(CampaignSummary::name).findFirst().orElse(null);
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
        row(grid, "Campaign", campaign);
        row(grid, "Source", lead.source());
        row(grid, "Notes", f.getNotes());
        row(grid, "Last outreach", lead.lastOutreachAt() == null ? "never" : TIME.format(lead.lastOutreachAt()));
        row(grid, "Created", TIME.format(lead.createdAt()));
        row(grid, "Updated", TIME.format(lead.updatedAt()));
        return grid;
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
