package dev.outreach.lead;

/**
 * What an operator or an import row says about a lead, before validation. Mutable so that the
 * lead form can bind to it; {@link LeadService} validates and normalizes it before storing.
 * {@code linkedin} holds a LinkedIn profile URL or a bare profile id.
 */
public class LeadDraft {

    private String firstName;
    private String lastName;
    private String email;
    private String linkedin;
    private String website;
    private String contactFormUrl;
    private String phone;
    private String timeZone;
    private String company;
    private String title;
    private String industry;
    private String city;
    private String state;
    private String country;
    private Integer employeeCount;
    private Long annualRevenue;
    private LeadStatus status;
    private String notes;
    private String source;

    public String getFirstName() {
        return firstName;
    }

    public void setFirstName(String firstName) {
        this.firstName = firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public void setLastName(String lastName) {
        this.lastName = lastName;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getLinkedin() {
        return linkedin;
    }

    public void setLinkedin(String linkedin) {
        this.linkedin = linkedin;
    }

    public String getWebsite() {
        return website;
    }

    public void setWebsite(String website) {
        this.website = website;
    }

    public String getContactFormUrl() {
        return contactFormUrl;
    }

    public void setContactFormUrl(String contactFormUrl) {
        this.contactFormUrl = contactFormUrl;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public String getCompany() {
        return company;
    }

    public void setCompany(String company) {
        this.company = company;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getIndustry() {
        return industry;
    }

    public void setIndustry(String industry) {
        this.industry = industry;
    }

    public String getCity() {
        return city;
    }

    public void setCity(String city) {
        this.city = city;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public String getCountry() {
        return country;
    }

    public void setCountry(String country) {
        this.country = country;
    }

    public Integer getEmployeeCount() {
        return employeeCount;
    }

    public void setEmployeeCount(Integer employeeCount) {
        this.employeeCount = employeeCount;
    }

    public Long getAnnualRevenue() {
        return annualRevenue;
    }

    public void setAnnualRevenue(Long annualRevenue) {
        this.annualRevenue = annualRevenue;
    }

    public LeadStatus getStatus() {
        return status;
    }

    public void setStatus(LeadStatus status) {
        this.status = status;
    }

    public String getNotes() {
        return notes;
    }

    public void setNotes(String notes) {
        this.notes = notes;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    /**
     * Trims text fields and turns blank ones into null, so that "" never reaches the database; a
     * website or contact form URL written without a scheme gets https://.
     */
    public LeadDraft normalized() {
        firstName = LeadValues.clean(firstName);
        lastName = LeadValues.clean(lastName);
        email = LeadValues.clean(email);
        linkedin = LeadValues.clean(linkedin);
        website = LeadValues.withScheme(LeadValues.clean(website));
        contactFormUrl = LeadValues.withScheme(LeadValues.clean(contactFormUrl));
        phone = LeadValues.clean(phone);
        timeZone = LeadValues.clean(timeZone);
        company = LeadValues.clean(company);
        title = LeadValues.clean(title);
        industry = LeadValues.clean(industry);
        city = LeadValues.clean(city);
        state = LeadValues.clean(state);
        country = LeadValues.clean(country);
        notes = LeadValues.clean(notes);
        source = LeadValues.clean(source);
        return this;
    }
}
