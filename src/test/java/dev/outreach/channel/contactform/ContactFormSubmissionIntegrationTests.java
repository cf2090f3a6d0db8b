package dev.outreach.channel.contactform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.channel.UrlGuard;
import dev.outreach.channel.contactform.LoopbackSite.Answer;
import dev.outreach.shared.MessageStatus;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The submission flow against a real HTTP server on 127.0.0.1 (the one address the test guard
 * allows): what the site answers decides SENT, FAILED or SENT-unconfirmed; a form missing from
 * the lead's page is looked for behind its contact links; every request names us.
 */
class ContactFormSubmissionIntegrationTests {

    private static final String USER_AGENT = "OutreachEngine/1.0 (+https://outreach.example/about-our-messages)";

    private static LoopbackSite site;
    private static ContactFormOutreachService service;

    @BeforeAll
    static void startSite() throws Exception {
        site = new LoopbackSite();
        ContactFormProperties properties = new ContactFormProperties(Duration.ofSeconds(2), Duration.ofSeconds(2), 3,
                2_097_152, List.of(site.hostPort()), "OutreachEngine/1.0", "https://outreach.example/about-our-messages",
                Duration.ofDays(30));
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

    private static ContactFormResult submit(String path) {
        return service.submit(new ContactFormRequest(site.url(path), "Jane Doe", "jane@outreach.example", null, null,
                "Quick question", "Hi, we help plumbers fill their calendar."));
    }

    /** A page at {@code path} whose form posts to {@code path + "/send"}, which answers {@code answer}. */
    private static void formAnswering(String path, Answer answer) {
        String action = path.replaceAll("/$", "") + "/send";
        site.get(path, Answer.html(ContactPages.simpleForm(action, ""))).post(action, answer);
    }

    @Test
    void aRedirectToAThankYouPageIsSentConfirmed() {
        formAnswering("/prg", Answer.redirect("/thank-you/"));
        site.get("/thank-you/", Answer.html("<html><body><h1>Talk soon</h1></body></html>"));

        ContactFormResult result = submit("/prg");

        assertThat(result.status()).isEqualTo(MessageStatus.SENT);
        assertThat(result.unconfirmed()).isFalse();
        assertThat(result.reason()).isEqualTo("confirmed: redirected to /thank-you/");
        assertThat(site.receivedPaths()).containsExactly("GET /prg", "POST /prg/send", "GET /thank-you/");
    }

    @Test
    void aSuccessJsonIsSentConfirmedWithTheSitesWords() {
        formAnswering("/ajax", Answer.json("{\"contact_form_id\":5,\"status\":\"mail_sent\","
                + "\"message\":\"Thank you for your message. It has been sent.\"}"));

        ContactFormResult result = submit("/ajax");

        assertThat(result.status()).isEqualTo(MessageStatus.SENT);
        assertThat(result.unconfirmed()).isFalse();
        assertThat(result.reason()).isEqualTo("confirmed: Thank you for your message. It has been sent.");
    }

    @Test
    void theSameFormAgainIsFailedAndKeepsTheFieldsThatWentOut() {
        site.get("/again", Answer.html(ContactPages.simpleForm("/again", "")))
                .post("/again", Answer.html(ContactPages.simpleForm("/again", "")));

        ContactFormResult result = submit("/again");

        assertThat(result.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(result.retryable()).isFalse();
        assertThat(result.reason())
                .isEqualTo("the form was rejected: the site showed the same form again, with no confirmation");
        assertThat(result.fields()).containsEntry("fullname", "Jane Doe").containsEntry("mail", "jane@outreach.example")
                .containsEntry("body", "Hi, we help plumbers fill their calendar.");
    }

    @Test
    void anErrorSentenceInThePageTextIsFailedWithThatSentence() {
        formAnswering("/oops", Answer.html("<html><body><h1>Contact</h1><p>Sorry! There was an error sending your "
                + "message. Please call us at 555-0100.</p></body></html>"));

        ContactFormResult result = submit("/oops");

        assertThat(result.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(result.reason()).isEqualTo("the form was rejected: There was an error sending your message.");
        assertThat(result.fields()).containsKey("body");
    }

    @Test
    void anErrorClassWithoutErrorWordsIsNotAFailureButUnconfirmed() {
        formAnswering("/classy", Answer.html("<html><body><div class=\"alert alert-danger error\"></div>"
                + "<p>Acme Plumbing, Springfield.</p></body></html>"));

        ContactFormResult result = submit("/classy");

        assertThat(result.status()).isEqualTo(MessageStatus.SENT);
        assertThat(result.unconfirmed()).isTrue();
    }

    @Test
    void anAnswerWithNeitherConfirmationNorErrorIsSentUnconfirmed() {
        formAnswering("/quiet", Answer.html("<html><body><h1>Acme Plumbing</h1><p>Since 1978.</p></body></html>"));

        ContactFormResult result = submit("/quiet");

        assertThat(result.status()).isEqualTo(MessageStatus.SENT);
        assertThat(result.unconfirmed()).isTrue();
        assertThat(result.reason()).isEqualTo("unconfirmed: no confirmation or error in the answer (HTTP 200)");
        assertThat(result.fields()).containsEntry("token", "t0k3n");
    }

    @Test
    void withoutAFormOnTheHomePageTheContactLinkIsFollowedAndCareersNever() {
        site.get("/home", Answer.html("""
                <html><body><nav><a href="/careers/">Careers: contact our recruiters</a> <a href="/about">About</a>
                <a href="/contact-us/">Contact us</a></nav><h1>Acme Plumbing</h1></body></html>"""));
        // a job application form that would qualify as a contact form: it must never be reached
        site.get("/careers/", Answer.html(ContactPages.simpleForm("/careers/apply", "")));
        formAnswering("/contact-us/", Answer.html(ContactPages.THANK_YOU));

        ContactFormResult result = submit("/home");

        assertThat(result.status()).isEqualTo(MessageStatus.SENT);
        assertThat(result.formPage()).isEqualTo(URI.create(site.url("/contact-us/")));
        assertThat(result.submittedTo()).isEqualTo(URI.create(site.url("/contact-us/send")));
        assertThat(site.receivedPaths()).containsExactly("GET /home", "GET /contact-us/", "POST /contact-us/send");
    }

    @Test
    void atMostTwoContactLinksAreFollowed() {
        site.get("/nowhere", Answer.html("""
                <a href="/contact">Contact</a> <a href="/get-a-quote">Get a quote</a> <a href="/estimate">Estimate</a>"""));
        site.get("/contact", Answer.html(ContactPages.NEWSLETTER_ONLY));
        site.get("/get-a-quote", Answer.html("<p>Call us.</p>"));
        site.get("/estimate", Answer.html(ContactPages.simpleForm("/estimate/send", "")));

        ContactFormResult result = submit("/nowhere");

        assertThat(result.status()).isEqualTo(MessageStatus.SKIPPED);
        assertThat(result.reason()).isEqualTo("no contact form found on " + site.url("/nowhere")
                + " or the contact pages it links to: /contact, /get-a-quote");
        assertThat(site.receivedPaths()).containsExactly("GET /nowhere", "GET /contact", "GET /get-a-quote");
    }

    @Test
    void everyRequestNamesTheProductAndItsContactUrl() {
        site.get("/home2", Answer.html("<a href='/contact-us/'>Contact us</a>"));
        formAnswering("/contact-us/", Answer.redirect("/thank-you/"));
        site.get("/thank-you/", Answer.html(ContactPages.THANK_YOU));

        submit("/home2");

        assertThat(site.received()).hasSize(4).extracting(LoopbackSite.Received::userAgent).containsOnly(USER_AGENT);
    }
}
