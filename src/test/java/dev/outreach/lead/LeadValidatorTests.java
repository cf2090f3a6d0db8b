package dev.outreach.lead;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.shared.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LeadValidatorTests {

    private final LeadValidator validator = new LeadValidator();

    @Test
    void aCompleteLeadIsValid() {
        assertThat(validator.validate(valid())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plainaddress", "a@", "@example.com", "a b@example.com", "a@example..com"})
    void badEmailsAreRefusedOnTheEmailField(String email) {
        LeadDraft lead = valid();
        lead.setEmail(email);

        assertThat(validator.validate(lead)).extracting(FieldError::field).containsExactly("email");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://www.linkedin.com/in/jane-doe", "http://linkedin.com/in/jane_doe/", "jane-doe-42",
        "https://de.linkedin.com/in/jane-doe?trk=x"})
    void linkedinProfileUrlsAndIdsAreAccepted(String linkedin) {
        LeadDraft lead = valid();
        lead.setLinkedin(linkedin);

        assertThat(validator.validate(lead)).isEmpty();
        assertThat(LeadValues.linkedinId(linkedin)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://www.linkedin.com/company/acme", "https://example.com/in/jane", "x"})
    void otherLinkedinValuesAreRefused(String linkedin) {
        LeadDraft lead = valid();
        lead.setLinkedin(linkedin);

        assertThat(validator.validate(lead)).extracting(FieldError::field).containsExactly("linkedin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://acme.com", "acme.com", "https://localhost", "javascript:alert(1)"})
    void websitesMustBeHttpUrlsWithAHost(String website) {
        LeadDraft lead = valid();
        lead.setWebsite(website);

        assertThat(validator.validate(lead)).extracting(FieldError::field).containsExactly("website");
    }

    @ParameterizedTest
    @ValueSource(strings = {"EST", "GMT+2", "+02:00", "Mars/Olympus", "america/chicago"})
    void timeZonesMustBeIanaRegionIds(String zone) {
        LeadDraft lead = valid();
        lead.setTimeZone(zone);

        List<FieldError> errors = validator.validate(lead);

        assertThat(errors).extracting(FieldError::field).containsExactly("timeZone");
        assertThat(errors.getFirst().message()).contains("is not an IANA time zone");
    }

    @Test
    void aLeadNeedsAContactPointAndANameOrCompany() {
        assertThat(validator.validate(new LeadDraft())).extracting(FieldError::field)
                .containsExactlyInAnyOrder("email", "lastName");
    }

    private static LeadDraft valid() {
        LeadDraft lead = new LeadDraft();
        lead.setFirstName("Jane");
        lead.setLastName("Doe");
        lead.setEmail("jane@acme-hvac.com");
        lead.setWebsite("https://acme-hvac.com");
        lead.setTimeZone("America/Chicago");
        lead.setPhone("+1 (512) 555-0134");
        return lead;
    }
}
