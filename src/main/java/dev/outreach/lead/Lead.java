package dev.outreach.lead;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A prospect and its contact points. Changed only through {@link LeadService}. */
@Entity
@Table(name = "lead")
class Lead {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "first_name")
    private String firstName;
    @Column(name = "last_name")
    private String lastName;
    private String email;
    @Column(name = "email_normalized")
    private String emailNormalized;
    @Column(name = "linkedin_id")
    private String linkedinId;
    @Column(name = "linkedin_url")
    private String linkedinUrl;
    private String website;
    @Column(name = "contact_form_url")
    private String contactFormUrl;
    private String phone;
    @Column(name = "time_zone")
    private String timeZone;
    private String company;
    private String title;
    private String industry;
    private String city;
    private String state;
    private String country;
    @Column(name = "employee_count")
    private Integer employeeCount;
    @Column(name = "annual_revenue")
    private Long annualRevenue;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Grade grade = Grade.D;
    @Column(name = "grade_reasons")
    private String gradeReasons;

    @Column(nullable = false)
    private String source = "MANUAL";
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private LeadStatus status = LeadStatus.NEW;
    private String notes;
    @Column(name = "search_text")
    private String searchText;
    @Column(name = "last_outreach_at")
    private Instant lastOutreachAt;
    /** Set only by {@link LeadQueries#setOutcome}: the form never writes it. */
    @Enumerated(EnumType.STRING)
    @Column(insertable = false, updatable = false)
    private LeadOutcome outcome;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Lead() {
    }

    Lead(Instant now) {
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Copies a validated draft onto this lead and applies its grade. */
    void apply(LeadDraft draft, GradeResult grade, Instant now) {
        firstName = draft.getFirstName();
        lastName = draft.getLastName();
        email = draft.getEmail();
        emailNormalized = LeadValues.normalizeEmail(draft.getEmail());
        linkedinUrl = draft.getLinkedin();
        linkedinId = LeadValues.linkedinId(draft.getLinkedin()).orElse(null);
        website = draft.getWebsite();
        contactFormUrl = draft.getContactFormUrl();
        phone = draft.getPhone();
        timeZone = draft.getTimeZone();
        company = draft.getCompany();
        title = draft.getTitle();
        industry = draft.getIndustry();
        city = draft.getCity();
        state = draft.getState();
        country = draft.getCountry();
        employeeCount = draft.getEmployeeCount();
        annualRevenue = draft.getAnnualRevenue();
        status = draft.getStatus() == null ? LeadStatus.NEW : draft.getStatus();
        notes = draft.getNotes();
        if (draft.getSource() != null) {
            source = draft.getSource();
        }
        this.grade = grade.grade();
        this.gradeReasons = grade.reasonsText();
        this.searchText = searchText(firstName, lastName, company, email);
        this.updatedAt = now;
    }

    static String searchText(String... parts) {
        return Stream.of(parts).filter(p -> p != null && !p.isBlank())
                .map(p -> p.toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" "));
    }

    LeadStatus status() {
        return status;
    }

    LeadDraft toDraft() {
        LeadDraft draft = new LeadDraft();
        draft.setFirstName(firstName);
        draft.setLastName(lastName);
        draft.setEmail(email);
        draft.setLinkedin(linkedinUrl != null ? linkedinUrl : linkedinId);
        draft.setWebsite(website);
        draft.setContactFormUrl(contactFormUrl);
        draft.setPhone(phone);
        draft.setTimeZone(timeZone);
        draft.setCompany(company);
        draft.setTitle(title);
        draft.setIndustry(industry);
        draft.setCity(city);
        draft.setState(state);
        draft.setCountry(country);
        draft.setEmployeeCount(employeeCount);
        draft.setAnnualRevenue(annualRevenue);
        draft.setStatus(status);
        draft.setNotes(notes);
        draft.setSource(source);
        return draft;
    }

    LeadDetails toDetails() {
        return new LeadDetails(id, toDraft(), linkedinId, grade, GradeResult.parseReasons(gradeReasons),
                source, lastOutreachAt, createdAt, updatedAt, outcome);
    }

    Long getId() {
        return id;
    }

    /** A lead read by SQL (the import's bulk path): a plain object, never managed by JPA. */
    static Lead fromRow(java.sql.ResultSet rs, int rowNumber) throws java.sql.SQLException {
        Lead lead = new Lead();
        lead.id = rs.getLong("id");
        lead.firstName = rs.getString("first_name");
        lead.lastName = rs.getString("last_name");
        lead.email = rs.getString("email");
        lead.emailNormalized = rs.getString("email_normalized");
        lead.linkedinId = rs.getString("linkedin_id");
        lead.linkedinUrl = rs.getString("linkedin_url");
        lead.website = rs.getString("website");
        lead.contactFormUrl = rs.getString("contact_form_url");
        lead.phone = rs.getString("phone");
        lead.timeZone = rs.getString("time_zone");
        lead.company = rs.getString("company");
        lead.title = rs.getString("title");
        lead.industry = rs.getString("industry");
        lead.city = rs.getString("city");
        lead.state = rs.getString("state");
        lead.country = rs.getString("country");
        lead.employeeCount = rs.getObject("employee_count", Integer.class);
        lead.annualRevenue = rs.getObject("annual_revenue", Long.class);
        lead.grade = Grade.valueOf(rs.getString("grade"));
        lead.gradeReasons = rs.getString("grade_reasons");
        lead.source = rs.getString("source");
        lead.status = LeadStatus.valueOf(rs.getString("status"));
        lead.notes = rs.getString("notes");
        lead.searchText = rs.getString("search_text");
        java.sql.Timestamp lastOutreach = rs.getTimestamp("last_outreach_at");
        lead.lastOutreachAt = lastOutreach == null ? null : lastOutreach.toInstant();
        String outcome = rs.getString("outcome");
        lead.outcome = outcome == null ? null : LeadOutcome.valueOf(outcome);
        lead.createdAt = rs.getTimestamp("created_at").toInstant();
        lead.updatedAt = rs.getTimestamp("updated_at").toInstant();
        return lead;
    }

    /** Column values for a batched JDBC insert of a new lead (see {@link LeadImportBatch}). */
    java.util.Map<String, Object> insertColumns() {
        java.util.Map<String, Object> columns = new java.util.HashMap<>();
        columns.put("first_name", firstName);
        columns.put("last_name", lastName);
        columns.put("email", email);
        columns.put("email_normalized", emailNormalized);
        columns.put("linkedin_id", linkedinId);
        columns.put("linkedin_url", linkedinUrl);
        columns.put("website", website);
        columns.put("contact_form_url", contactFormUrl);
        columns.put("phone", phone);
        columns.put("time_zone", timeZone);
        columns.put("company", company);
        columns.put("title", title);
        columns.put("industry", industry);
        columns.put("city", city);
        columns.put("state", state);
        columns.put("country", country);
        columns.put("employee_count", employeeCount);
        columns.put("annual_revenue", annualRevenue);
        columns.put("grade", grade.name());
        columns.put("grade_reasons", gradeReasons);
        columns.put("source", source);
        columns.put("status", status.name());
        columns.put("notes", notes);
        columns.put("search_text", searchText);
        columns.put("created_at", java.sql.Timestamp.from(createdAt));
        columns.put("updated_at", java.sql.Timestamp.from(updatedAt));
        return columns;
    }

    /** The id the database gave a lead inserted by SQL (the bulk paths). */
    void assignId(long id) {
        this.id = id;
    }

    String getEmailNormalized() {
        return emailNormalized;
    }

    String getLinkedinId() {
        return linkedinId;
    }

    String displayName() {
        return LeadValues.displayName(firstName, lastName, company, id);
    }
}
