package dev.outreach.channel.contactform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.channel.contactform.SubmissionEvidence.Confirmed;
import dev.outreach.channel.contactform.SubmissionEvidence.Rejected;
import dev.outreach.channel.contactform.SubmissionEvidence.Unconfirmed;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a 2xx answer to a submission says, read as a person would read it. */
class SubmissionEvidenceTests {

    private static final URI ACTION = URI.create("https://acme.example/contact/");
    private static final FormSubmission SUBMISSION = new FormSubmission(ACTION, "POST", false, List.of(
            new FormEntry("_wpcf7", "5"), new FormEntry("your-name", "Jane Doe"),
            new FormEntry("your-email", "jane@outreach.example"), new FormEntry("your-message", "Hi")));

    private static SubmissionEvidence.Verdict answer(URI at, String contentType, String body) {
        return SubmissionEvidence.of(SUBMISSION, new HttpPage(at, 200, contentType,
                body.getBytes(StandardCharsets.UTF_8)));
    }

    private static SubmissionEvidence.Verdict html(String body) {
        return answer(ACTION, "text/html; charset=UTF-8", body);
    }

    private static SubmissionEvidence.Verdict json(String body) {
        return answer(URI.create("https://acme.example/wp-json/contact-form-7/v1/contact-forms/5/feedback"),
                "application/json; charset=UTF-8", body);
    }

    @Test
    void aRedirectToAThankYouPageConfirms() {
        assertThat(answer(URI.create("https://acme.example/thank-you/"), "text/html",
                "<html><body><h1>We got it</h1></body></html>"))
                .isEqualTo(new Confirmed("redirected to /thank-you/"));
        assertThat(answer(URI.create("https://acme.example/contact/?submitted=success"), "text/html",
                "<html><body><p>Hello</p></body></html>")).isInstanceOf(Confirmed.class);
    }

    @Test
    void pluginSuccessMarkersConfirmWithTheirWords() {
        assertThat(html(ContactPages.CONTACT_FORM_7_SENT))
                .isEqualTo(new Confirmed("Thank you for your message. It has been sent."));
        assertThat(html("<div class='gform_confirmation_wrapper'><div class='gform_confirmation_message'>"
                + "Your request is in. Mike calls back within a day.</div></div>"))
                .isEqualTo(new Confirmed("Your request is in. Mike calls back within a day."));
        assertThat(html("<div class='wpforms-confirmation-container-full'><p>Got it, talk soon.</p></div>"))
                .isEqualTo(new Confirmed("Got it, talk soon."));
    }

    @Test
    void successWordingInThePageTextConfirms() {
        assertThat(html(ContactPages.THANK_YOU)).isEqualTo(new Confirmed("Thank you!"));
        assertThat(html("<main><p>Your message has been sent. We'll be in touch within 24 hours.</p></main>"))
                .isEqualTo(new Confirmed("Your message has been sent."));
    }

    @Test
    void successJsonFromAnAjaxEndpointConfirms() {
        assertThat(json("{\"success\":true,\"data\":{\"confirmation\":\"<p>Thanks for contacting us!</p>\"}}"))
                .isEqualTo(new Confirmed("Thanks for contacting us!"));
        assertThat(json("{\"contact_form_id\":5,\"status\":\"mail_sent\",\"message\":\"Thank you for your message. "
                + "It has been sent.\",\"posted_data_hash\":\"d52f9f9de995287195409fe6dcde0c50\",\"into\":\"#wpcf7-f5-o1\"}"))
                .isEqualTo(new Confirmed("Thank you for your message. It has been sent."));
    }

    @Test
    void errorJsonIsRejectedWithTheSitesMessage() {
        assertThat(json("{\"status\":\"validation_failed\",\"message\":\"One or more fields have an error. Please check "
                + "and try again.\",\"invalid_fields\":[{\"field\":\"your-email\",\"message\":\"Please fill out this field.\"}]}"))
                .isEqualTo(new Rejected("One or more fields have an error. Please check and try again."));
        assertThat(json("{\"status\":\"mail_failed\",\"message\":\"There was an error trying to send your message.\"}"))
                .isEqualTo(new Rejected("There was an error trying to send your message."));
        assertThat(json("{\"status\":\"spam\"}")).isEqualTo(new Rejected("the site answered {\"status\":\"spam\"}"));
        assertThat(json("{\"success\":false,\"data\":{\"errors\":{\"general\":\"Form has not been submitted\"}}}"))
                .isInstanceOf(Rejected.class);
    }

    @Test
    void theSameFormAgainWithoutAConfirmationIsRejected() {
        String sameForm = ContactPages.CONTACT_FORM_7.replace("/contact/#wpcf7-f5-o1", "/contact/");

        assertThat(html(sameForm)).isEqualTo(new Rejected("the site showed the same form again, with no confirmation"));
    }

    @Test
    void anErrorSentenceInThePlainTextIsRejectedAndQuoted() {
        assertThat(html("<html><body><h1>Contact</h1><p>Sorry! There was an error sending your message. Please call us "
                + "instead.</p></body></html>"))
                .isEqualTo(new Rejected("There was an error sending your message."));
        assertThat(html("<p>Please fill in the required field: Phone.</p>"))
                .isEqualTo(new Rejected("Please fill in the required field: Phone."));
        assertThat(html("<p>Message failed to send, try later.</p>"))
                .isEqualTo(new Rejected("Message failed to send, try later."));
    }

    @Test
    void pluginErrorMessagesAreRejectedWithTheirWords() {
        assertThat(html(ContactPages.CONTACT_FORM_7_INVALID)).isEqualTo(new Rejected("Please enter an email address."));
        assertThat(html(ContactPages.HUBSPOT_ERROR)).isEqualTo(new Rejected("Email must be formatted correctly."));
    }

    /** Decided from the issue: "visible error wording (in the page text, not only CSS classes)". */
    @Test
    void anErrorClassWithoutErrorWordsIsNotAnError() {
        assertThat(html("<form class='wpcf7-form invalid' data-status='invalid' action='/elsewhere'></form>"
                + "<div class='alert alert-danger'></div><span class='wpcf7-not-valid-tip'></span><p>Hello.</p>"))
                .isInstanceOf(Unconfirmed.class);
        assertThat(html("<div class='error'>Thanks, we got it.</div>")).isEqualTo(new Confirmed("Thanks, we got it."));
    }

    @Test
    void hiddenErrorTextDoesNotCount() {
        assertThat(html("<div style='display:none' class='form-error'>There was an error submitting the form.</div>"
                + "<template><p>This field is required.</p></template><p>Hello again.</p>"))
                .isInstanceOf(Unconfirmed.class);
    }

    @Test
    void anAnswerWithNeitherIsUnconfirmed() {
        assertThat(html("<html><body><h1>Acme Plumbing</h1><p>Serving Springfield since 1978.</p></body></html>"))
                .isEqualTo(new Unconfirmed("no confirmation or error in the answer (HTTP 200)"));
        assertThat(answer(ACTION, "text/plain", "ok")).isEqualTo(new Unconfirmed("the site answered text/plain"));
        assertThat(json("{\"id\":12}")).isEqualTo(new Unconfirmed("the site answered {\"id\":12}"));
    }
}
