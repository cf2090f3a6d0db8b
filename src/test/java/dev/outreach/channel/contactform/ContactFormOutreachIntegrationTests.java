package dev.outreach.channel.contactform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.outreach.channel.UrlGuard;
import dev.outreach.channel.contactform.ContactSiteServer.Received;
import dev.outreach.shared.MessageStatus;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The contact-form channel against a real HTTP server on 127.0.0.1, which the test guard allows by host and port. */
class ContactFormOutreachIntegrationTests {

    private static ContactSiteServer site;
    private static ContactFormOutreachService service;

    @BeforeAll
    static void startSite() throws Exception {
        site = new ContactSiteServer();
        ContactFormProperties properties = new ContactFormProperties(Duration.ofSeconds(2), Duration.ofSeconds(1), 3,
                2_097_152, List.of(site.hostPort()), "OutreachEngine/1.0 (+contact form)");
        service = new ContactFormOutreachService(new UrlGuard(properties.allowedHosts()), properties);
    }

    @AfterAll
    static void stopSite() {
        site.close();
    }

    @BeforeEach
    void forgetRequests() {
        site.forget();
    }

    private static ContactFormRequest request(String path) {
        return new ContactFormRequest(site.url(path), "Jane Doe", "jane@outreach.example", "+1 555 0100",
                "Outreach Co", "Quick question", "Hi,\nwe help plumbers fill their calendar.");
    }

    private static Received onlyPost() {
        List<Received> posts = site.received().stream().filter(r -> r.method().equals("POST")).toList();
        assertThat(posts).hasSize(1);
        return posts.getFirst();
    }

    @Test
    void contactForm7IsSubmittedWithItsHiddenFieldsKept() {
        ContactFormResult result = service.submit(request("/contact/"));

        assertThat(result.status()).isEqualTo(MessageStatus.SENT);
        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(result.method()).isEqualTo("POST");
        assertThat(result.submittedTo()).isEqualTo(URI.create(site.url("/contact/")));
        assertThat(result.fields()).containsExactly(
                entry("_wpcf7", "5"), entry("_wpcf7_version", "5.9.3"), entry("_wpcf7_locale", "en_US"),
                entry("_wpcf7_unit_tag", "wpcf7-f5-o1"), entry("_wpcf7_container_post", "0"),
                entry("_wpcf7_posted_data_hash", ""), entry("your-name", "Jane Doe"),
                entry("your-email", "jane@outreach.example"), entry("your-subject", "Quick question"),
                entry("your-message", "Hi,\nwe help plumbers fill their calendar."));
        Received post = onlyPost();
        assertThat(post.path()).isEqualTo("/contact/");
        assertThat(post.contentType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(post.body()).isEqualTo("_wpcf7=5&_wpcf7_version=5.9.3&_wpcf7_locale=en_US"
                + "&_wpcf7_unit_tag=wpcf7-f5-o1&_wpcf7_container_post=0&_wpcf7_posted_data_hash="
                + "&your-name=Jane+Doe&your-email=jane%40outreach.example&your-subject=Quick+question"
                + "&your-message=Hi%2C%0D%0Awe+help+plumbers+fill+their+calendar.");
        assertThat(post.cookie()).as("the session cookie set with the page goes back with the form")
                .contains("wp_session=abc123");
        assertThat(site.receivedPaths()).doesNotContain("POST /newsletter");
    }

    @Test
    void hubSpotFormIsSubmittedAsMultipartByLabelledFields() {
        ContactFormResult result = service.submit(request("/hubspot"));

        assertThat(result.status()).isEqualTo(MessageStatus.SENT);
        assertThat(result.fields()).containsExactly(
                entry("firstname", "Jane"), entry("lastname", "Doe"), entry("email", "jane@outreach.example"),
                entry("company", "Outreach Co"), entry("phone", "+1 555 0100"),
                entry("message", "Hi,\nwe help plumbers fill their calendar."),
                entry("hs_context", "{\"rumScriptExecuteTime\":1234,\"pageUrl\":\"/hubspot\"}"));
        Received post = onlyPost();
        assertThat(post.path()).isEqualTo("/hubspot/submit");
        assertThat(post.contentType()).startsWith("multipart/form-data; boundary=");
        String boundary = post.contentType().substring(post.contentType().indexOf("boundary=") + 9);
        assertThat(post.body())
                .startsWith("--" + boundary + "\r\nContent-Disposition: form-data; name=\"firstname\"\r\n\r\nJane\r\n")
                .contains("name=\"message\"\r\n\r\nHi,\r\nwe help plumbers fill their calendar.\r\n")
                .doesNotContain("LEGAL_CONSENT")
                .endsWith("--" + boundary + "--\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/recaptcha", "/hcaptcha", "/turnstile"})
    void formsBehindACaptchaAreSkippedWithoutSubmitting(String path) {
        ContactFormResult result = service.submit(request(path));

        assertThat(result.status()).isEqualTo(MessageStatus.SKIPPED);
        assertThat(result.retryable()).isFalse();
        assertThat(result.reason()).startsWith("CAPTCHA (").endsWith(") protects the contact form");
        assertThat(site.receivedPaths()).containsExactly("GET " + path);
    }

    @Test
    void aFormBehindACaptchaComesWithWhatAPersonWouldFillIn() {
        ContactFormResult result = service.submit(request("/recaptcha"));

        FormByHand byHand = result.byHand().orElseThrow();
        assertThat(byHand.pageUrl()).isEqualTo(site.url("/recaptcha"));
        assertThat(byHand.captcha()).isEqualTo("reCAPTCHA");
        assertThat(byHand.fields()).containsExactly(new FormByHand.Field("Name", "Jane Doe"),
                new FormByHand.Field("Email", "jane@outreach.example"),
                new FormByHand.Field("Message", "Hi,\nwe help plumbers fill their calendar."));
        assertThat(site.receivedPaths()).containsExactly("GET /recaptcha");
    }

    @Test
    void theCaptchaReasonNamesTheCaptcha() {
        assertThat(service.submit(request("/recaptcha")).reason()).contains("reCAPTCHA");
        assertThat(service.submit(request("/hcaptcha")).reason()).contains("hCaptcha");
        assertThat(service.submit(request("/turnstile")).reason()).contains("Cloudflare Turnstile");
    }

    @Test
    void aPageWithOnlyANewsletterSignupHasNoContactForm() {
        ContactFormResult result = service.submit(request("/about"));

        assertThat(result.status()).isEqualTo(MessageStatus.SKIPPED);
        assertThat(result.reason()).isEqualTo("no contact form found on " + site.url("/about"));
        assertThat(result.fields()).isEmpty();
        assertThat(site.receivedPaths()).containsExactly("GET /about");
    }

    @Test
    void threeRedirectsAreFollowedToTheContactPage() {
        ContactFormResult result = service.submit(request("/r1"));

        assertThat(result.status()).isEqualTo(MessageStatus.SENT);
        assertThat(result.submittedTo()).isEqualTo(URI.create(site.url("/contact/")));
        assertThat(site.receivedPaths())
                .containsExactly("GET /r1", "GET /r2", "GET /r3", "GET /contact/", "POST /contact/");
    }

    @Test
    void aFourthRedirectIsNotFollowed() {
        ContactFormResult result = service.submit(request("/s1"));

        assertThat(result.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(result.reason()).isEqualTo("too many redirects (more than 3)");
        assertThat(result.retryable()).isFalse();
        assertThat(site.receivedPaths()).containsExactly("GET /s1", "GET /s2", "GET /s3", "GET /s4");
    }

    @Test
    void aRedirectToTheMetadataServiceIsRefused() {
        ContactFormResult result = service.submit(request("/to-metadata"));

        assertThat(result.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(result.retryable()).isFalse();
        assertThat(result.reason())
                .isEqualTo("refused: link-local (cloud metadata) address 169.254.169.254 refused");
        assertThat(site.receivedPaths()).containsExactly("GET /to-metadata");
    }

    @Test
    void aRedirectAfterSubmittingIsCheckedToo() {
        ContactFormResult result = service.submit(request("/post-to-metadata"));

        assertThat(result.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(result.reason()).startsWith("refused: link-local");
        assertThat(result.fields()).as("what went out is kept").containsKey("body");
        assertThat(site.receivedPaths()).containsExactly("GET /post-to-metadata", "POST /post-to-metadata/submit");
    }

    @Test
    void aFormActionOnAPrivateAddressIsRefusedBeforeSubmitting() {
        ContactFormResult result = service.submit(request("/private-action"));

        assertThat(result.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(result.reason()).isEqualTo("refused: form action: private address 10.0.0.1 refused");
        assertThat(result.fields()).isEmpty();
        assertThat(site.receivedPaths()).containsExactly("GET /private-action");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/huge", "/huge-declared"})
    void aPageLargerThanTwoMegabytesFails(String path) {
        ContactFormResult result = service.submit(request(path));

        assertThat(result.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(result.reason()).isEqualTo("page larger than 2 MB");
        assertThat(result.retryable()).isFalse();
    }

    @Test
    void aServerErrorOnSubmitFailsAndMayBeRetried() {
        ContactFormResult result = service.submit(request("/broken"));

        assertThat(result.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(result.reason()).isEqualTo("HTTP 500");
        assertThat(result.httpStatus()).isEqualTo(500);
        assertThat(result.retryable()).isTrue();
        assertThat(result.fields()).containsEntry("token", "t0k3n").containsEntry("mail", "jane@outreach.example");
        assertThat(onlyPost().body()).isEqualTo("token=t0k3n&fullname=Jane+Doe&mail=jane%40outreach.example"
                + "&body=Hi%2C%0D%0Awe+help+plumbers+fill+their+calendar.&send=1");
    }

    @Test
    void aValidationErrorAnsweredWith200Fails() {
        ContactFormResult result = service.submit(request("/cf7-invalid"));

        assertThat(result.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(result.retryable()).isFalse();
        assertThat(result.reason()).isEqualTo("the form was rejected: Please enter an email address.");
    }

    @Test
    void aHubSpotErrorAnswerFails() {
        ContactFormResult result = service.submit(request("/hubspot-rejects"));

        assertThat(result.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(result.reason()).isEqualTo("the form was rejected: Email must be formatted correctly.");
    }

    @Test
    void aPostRedirectGetToAThankYouPageIsSent() {
        ContactFormResult result = service.submit(request("/post-redirect"));

        assertThat(result.status()).isEqualTo(MessageStatus.SENT);
        assertThat(result.submittedTo()).isEqualTo(URI.create(site.url("/submit")));
        assertThat(site.receivedPaths()).containsExactly("GET /post-redirect", "POST /submit", "GET /thanks");
    }

    @Test
    void aRequiredSmsConsentBoxIsNeverTicked() {
        ContactFormResult result = service.submit(request("/consent"));

        assertThat(result.status()).isEqualTo(MessageStatus.SKIPPED);
        assertThat(result.reason())
                .isEqualTo("required field 'I agree to receive text messages' (sms_consent, checkbox) cannot be filled");
        assertThat(site.receivedPaths()).containsExactly("GET /consent");
    }

    @Test
    void aPageThatDoesNotAnswerInTimeFailsAndMayBeRetried() {
        ContactFormResult result = service.submit(request("/slow"));

        assertThat(result.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(result.retryable()).isTrue();
        assertThat(result.reason()).isEqualTo("no response from 127.0.0.1 within 1 s");
    }

    @Test
    void aMissingPageFailsWithItsStatus() {
        ContactFormResult result = service.submit(request("/gone"));

        assertThat(result.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(result.reason()).isEqualTo("HTTP 404 fetching the page");
        assertThat(result.retryable()).isFalse();
    }

    @Test
    void withoutAnAllowListTheLocalSiteIsRefusedAndNeverContacted() {
        ContactFormOutreachService production = new ContactFormOutreachService(new UrlGuard(Set.of()),
                ContactFormProperties.defaults());

        ContactFormResult result = production.submit(request("/contact/"));

        assertThat(result.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(result.reason()).isEqualTo("refused: loopback address 127.0.0.1 refused");
        assertThat(result.retryable()).isFalse();
        assertThat(site.received()).isEmpty();
    }

    /** The allow list names 127.0.0.1 and this port only: every other spelling of loopback is still refused. */
    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:%d/contact/", "http://[::1]:%d/contact/",
            "http://[::ffff:127.0.0.1]:%d/contact/", "http://2130706433:%d/contact/",
            "http://0177.0.0.1:%d/contact/", "http://0x7f.0.0.1:%d/contact/", "http://127.1:%d/contact/",
            "http://0.0.0.0:%d/contact/", "http://127.0.0.2:%d/contact/", "http://user:pass@127.0.0.1:%d/contact/",
            "http://169.254.169.254:%d/latest/meta-data", "http://metadata.google.internal:%d/"})
    void everySsrfVectorIsRefusedWithNoConnectionMade(String template) {
        ContactFormRequest request = new ContactFormRequest(template.formatted(site.port()), "Jane Doe",
                "jane@outreach.example", null, null, null, "Hello");

        ContactFormResult result = service.submit(request);

        assertThat(result.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(result.reason()).startsWith("refused: ");
        assertThat(result.retryable()).isFalse();
        assertThat(site.received()).isEmpty();
    }
}
