package dev.outreach.channel.contactform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SubmissionErrorsTests {

    private static HttpPage answer(String contentType, String body) {
        return new HttpPage(URI.create("https://acme.example/contact/"), 200, contentType,
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpPage html(String body) {
        return answer("text/html; charset=UTF-8", body);
    }

    @Test
    void thankYouPagesAreAcceptedSubmissions() {
        assertThat(SubmissionErrors.in(html(ContactPages.THANK_YOU))).isEmpty();
        assertThat(SubmissionErrors.in(html(ContactPages.CONTACT_FORM_7_SENT))).isEmpty();
        assertThat(SubmissionErrors.in(html(ContactPages.CONTACT_FORM_7))).as("a fresh form has no errors").isEmpty();
    }

    @Test
    void pluginValidationMarkersMeanRejected() {
        assertThat(SubmissionErrors.in(html(ContactPages.CONTACT_FORM_7_INVALID)))
                .contains("the form was rejected: Please enter an email address.");
        assertThat(SubmissionErrors.in(html(ContactPages.HUBSPOT_ERROR)))
                .contains("the form was rejected: Email must be formatted correctly.");
    }

    @Test
    void genericErrorBoxesCountOnlyWhenTheirWordsSayError() {
        assertThat(SubmissionErrors.in(html("<div class=\"alert alert-danger\">The email field is required.</div>")))
                .contains("the form was rejected: The email field is required.");
        assertThat(SubmissionErrors.in(html("<div class=\"error\"></div><p>Thanks, we got it.</p>"))).isEmpty();
        assertThat(SubmissionErrors.in(html("<div class=\"wpcf7-response-output\">Thank you. Please allow 24 hours.</div>")))
                .isEmpty();
    }

    @Test
    void jsonAnswersAreReadForErrorStatuses() {
        assertThat(SubmissionErrors.in(answer("application/json",
                "{\"status\":\"validation_failed\",\"invalid_fields\":[]}"))).isPresent();
        assertThat(SubmissionErrors.in(answer("application/json", "{\"status\":\"mail_sent\"}"))).isEmpty();
        assertThat(SubmissionErrors.in(answer("application/json", "{\"success\": false}"))).isPresent();
    }
}
