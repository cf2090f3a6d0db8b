package dev.outreach.lead.ui;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.shared.Registration;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.lead.LeadStatus;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.ui.FieldErrors;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * Create or edit a lead in a dialog. The service validates (syntax, duplicates); its errors
 * are shown on the fields they name. Fires {@link SavedEvent} after a successful save.
 */
class LeadForm extends Dialog {

    private final transient LeadService leads;
    private final Long leadId;
    private final Binder<LeadDraft> binder = new Binder<>(LeadDraft.class);
    private final Map<String, HasValidation> fieldsByProperty = new HashMap<>();

    final TextField firstName = text("First name", "firstName");
    final TextField lastName = text("Last name", "lastName");
    final TextField email = text("Email", "email");
    final TextField linkedin = text("LinkedIn profile URL or id", "linkedin");
    final TextField website = text("Website", "website");
    final TextField contactFormUrl = text("Contact form URL", "contactFormUrl");
    final TextField phone = text("Phone", "phone");
    final ComboBox<String> timeZone = new ComboBox<>("Time zone");
    final TextField company = text("Company", "company");
    final TextField title = text("Title", "title");
    final TextField industry = text("Industry", "industry");
    final TextField city = text("City", "city");
    final TextField state = text("State", "state");
    final TextField country = text("Country", "country");
    final IntegerField employeeCount = new IntegerField("Employees");
    final NumberField annualRevenue = new NumberField("Annual revenue ($)");
    final Select<LeadStatus> status = new Select<>();
    final TextArea notes = new TextArea("Notes");
    final Button save = new Button("Save");

    LeadForm(LeadService leads, Long leadId, LeadDraft draft) {
        this.leads = leads;
        this.leadId = leadId;
        setHeaderTitle(leadId == null ? "New lead" : "Edit lead");
        setWidth("min(56rem, 95vw)");
        configureFields();
        bind();
        binder.readBean(draft);

        FormLayout form = new FormLayout(firstName, lastName, company, title, email, phone, linkedin, website,
                contactFormUrl, industry, city, state, country, timeZone, employeeCount, annualRevenue, status,
                notes);
        form.setColspan(notes, 2);
        add(form);

        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(click -> save());
        Button cancel = new Button("Cancel", click -> close());
        getFooter().add(cancel, save);
    }

    private void configureFields() {
        email.setId("lead-email");
        email.setPlaceholder("jane@acme-hvac.com");
        linkedin.setPlaceholder("https://www.linkedin.com/in/jane-doe");
        website.setPlaceholder("https://acme-hvac.com");
        timeZone.setItems(ZoneId.getAvailableZoneIds().stream().filter(z -> z.contains("/")).sorted().toList());
        timeZone.setClearButtonVisible(true);
        fieldsByProperty.put("timeZone", timeZone);
        fieldsByProperty.put("employeeCount", employeeCount);
        fieldsByProperty.put("annualRevenue", annualRevenue);
        status.setLabel("Status");
        status.setItems(LeadStatus.values());
        status.setItemLabelGenerator(LeadStatus::label);
        fieldsByProperty.put("notes", notes);
        notes.setMaxLength(4000);
    }

    private void bind() {
        binder.forField(email).bind(LeadDraft::getEmail, LeadDraft::setEmail);
        binder.forField(firstName).bind(LeadDraft::getFirstName, LeadDraft::setFirstName);
        binder.forField(lastName).bind(LeadDraft::getLastName, LeadDraft::setLastName);
        binder.forField(linkedin).bind(LeadDraft::getLinkedin, LeadDraft::setLinkedin);
        binder.forField(website).bind(LeadDraft::getWebsite, LeadDraft::setWebsite);
        binder.forField(contactFormUrl).bind(LeadDraft::getContactFormUrl, LeadDraft::setContactFormUrl);
        binder.forField(phone).bind(LeadDraft::getPhone, LeadDraft::setPhone);
        binder.forField(timeZone).bind(LeadDraft::getTimeZone, LeadDraft::setTimeZone);
        binder.forField(company).bind(LeadDraft::getCompany, LeadDraft::setCompany);
        binder.forField(title).bind(LeadDraft::getTitle, LeadDraft::setTitle);
        binder.forField(industry).bind(LeadDraft::getIndustry, LeadDraft::setIndustry);
        binder.forField(city).bind(LeadDraft::getCity, LeadDraft::setCity);
        binder.forField(state).bind(LeadDraft::getState, LeadDraft::setState);
        binder.forField(country).bind(LeadDraft::getCountry, LeadDraft::setCountry);
        binder.forField(employeeCount).bind(LeadDraft::getEmployeeCount, LeadDraft::setEmployeeCount);
        binder.forField(annualRevenue)
                .withConverter(value -> value == null ? null : Math.round(value),
                        value -> value == null ? null : value.doubleValue())
                .bind(LeadDraft::getAnnualRevenue, LeadDraft::setAnnualRevenue);
        binder.forField(status).bind(LeadDraft::getStatus, LeadDraft::setStatus);
        binder.forField(notes).bind(LeadDraft::getNotes, LeadDraft::setNotes);
    }

    private TextField text(String label, String property) {
        TextField field = new TextField(label);
        fieldsByProperty.put(property, field);
        return field;
    }

    private void save() {
        FieldErrors.clear(fieldsByProperty);
        LeadDraft draft = new LeadDraft();
        if (!binder.writeBeanIfValid(draft)) {
            return;
        }
        try {
            long id = leadId == null ? leads.create(draft) : updateExisting(draft);
            fireEvent(new SavedEvent(this, id));
            close();
        } catch (InvalidInputException rejected) {
            FieldErrors.showNotSaved(fieldsByProperty, rejected.errors());
        }
    }

    private long updateExisting(LeadDraft draft) {
        leads.update(leadId, draft);
        return leadId;
    }


    Registration addSavedListener(ComponentEventListener<SavedEvent> listener) {
        return addListener(SavedEvent.class, listener);
    }

    /** A lead was created or updated; carries its id. */
    static class SavedEvent extends ComponentEvent<LeadForm> {

        private final long leadId;

        SavedEvent(LeadForm source, long leadId) {
            super(source, false);
            this.leadId = leadId;
        }

        long leadId() {
            return leadId;
        }
    }
}
