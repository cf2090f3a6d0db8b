package dev.outreach.channel.contactform;

import dev.outreach.channel.UrlGuard;
import dev.outreach.channel.UrlRefusedException;
import dev.outreach.shared.MessageStatus;
import java.net.CookieManager;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * The reference's ContactFormOutreachService: reaches a lead through the contact form on its
 * website. It fetches the page through the {@link UrlGuard}, picks the contact form
 * ({@link ContactFormFinder}), skips it when a CAPTCHA protects it or a required field cannot be
 * filled honestly, submits it as a browser would and reads the answer.
 */
@Service
public class ContactFormOutreachService {

    private static final Logger log = LoggerFactory.getLogger(ContactFormOutreachService.class);

    private final UrlGuard guard;
    private final GuardedHttpClient http;
    private final ContactPageReader reader = new ContactPageReader();

    @Autowired
    ContactFormOutreachService(UrlGuard guard, ContactFormProperties properties) {
        this(guard, properties, null);
    }

    /** With its own TLS context: only tests, whose sites have a certificate of their own, give one. */
    ContactFormOutreachService(UrlGuard guard, ContactFormProperties properties, SSLContext tls) {
        this.guard = guard;
        this.http = new GuardedHttpClient(guard, properties, tls);
    }

    /**
     * Submits the message through the contact form at the request's page. Never throws for what
     * a site does: the result says SENT, FAILED (retryable or not) or SKIPPED, and why, with the
     * fields that went out.
     */
    public ContactFormResult submit(ContactFormRequest request) {
        Optional<URI> pageUri = pageUri(request.pageUrl());
        if (pageUri.isEmpty()) {
            return ContactFormResult.failed("the page URL is not a valid URL", false, 0);
        }
        CookieManager cookies = new CookieManager(); // per touch: a form's session cookie, nothing kept
        HttpPage page;
        try {
            page = http.get(pageUri.get(), cookies);
        } catch (UrlRefusedException e) {
            return ContactFormResult.failed("refused: " + e.reason(), false, 0);
        } catch (FetchFailedException e) {
            return ContactFormResult.failed(e.getMessage(), e.retryable(), 0);
        }
        if (!page.isSuccess()) {
            return ContactFormResult.failed("HTTP " + page.status() + " fetching the page", retryable(page.status()),
                    page.status());
        }
        if (!page.isHtml()) {
            return ContactFormResult.skipped("no contact form found: the page is " + page.contentType());
        }
        ContactPageReader.Reading reading = reader.read(page.document(), request);
        FormAnalysis analysis = reading.analysis();
        if (reading.submission().isEmpty() && FormByHand.isCaptchaOnly(analysis)) {
            return ContactFormResult.captcha(analysis.skipReason(), FormByHand.of(analysis));
        }
        return reading.submission()
                .map(submission -> send(submission, page.uri(), cookies))
                .orElseGet(() -> ContactFormResult.skipped(analysis.skipReason()));
    }

    /**
     * Fetches the request's page and reads it as a submission would, without submitting: the
     * form chosen and why, each field with the value that would go out, the CAPTCHA and
     * js-rendered verdicts. A page that cannot be fetched or is not HTML gives an analysis with
     * no form and the reason.
     */
    public FormAnalysis preview(ContactFormRequest request) {
        Optional<URI> pageUri = pageUri(request.pageUrl());
        if (pageUri.isEmpty()) {
            return unreadable(request.pageUrl(), "the page URL is not a valid URL");
        }
        HttpPage page;
        try {
            page = http.get(pageUri.get(), new CookieManager());
        } catch (UrlRefusedException e) {
            return unreadable(pageUri.get().toString(), "refused: " + e.reason());
        } catch (FetchFailedException e) {
            return unreadable(pageUri.get().toString(), e.getMessage());
        }
        if (!page.isSuccess()) {
            return unreadable(page.uri().toString(), "HTTP " + page.status() + " fetching the page");
        }
        if (!page.isHtml()) {
            return unreadable(page.uri().toString(), "no contact form found: the page is " + page.contentType());
        }
        return reader.read(page.document(), request).analysis();
    }

    private static FormAnalysis unreadable(String url, String reason) {
        return new FormAnalysis(url, 0, null, null, null, null, reason, null, null, false, reason, List.of());
    }

    private ContactFormResult send(FormSubmission submission, URI page, CookieManager cookies) {
        try {
            // checked here as well so that a refused action is told apart from a refused redirect after sending
            guard.check(submission.action());
        } catch (UrlRefusedException e) {
            return ContactFormResult.failed("refused: form action: " + e.reason(), false, 0);
        } catch (UnknownHostException e) {
            return ContactFormResult.failed("host " + submission.action().getHost() + " does not resolve", true, 0);
        }
        HttpPage response;
        try {
            response = http.submit(FormEncoder.encode(submission), page, cookies);
        } catch (UrlRefusedException e) {
            return ContactFormResult.submitted(MessageStatus.FAILED, "refused: " + e.reason(), false, submission, 0);
        } catch (FetchFailedException e) {
            return ContactFormResult.submitted(MessageStatus.FAILED, e.getMessage(), e.retryable(), submission, 0);
        }
        return verdict(submission, response);
    }

    private static ContactFormResult verdict(FormSubmission submission, HttpPage response) {
        int status = response.status();
        String host = submission.action().getHost();
        if (!response.isSuccess()) {
            log.info("Contact form at {} answered HTTP {}", host, status);
            // After a redirect the site had already taken the POST: retrying would submit it twice.
            boolean redirected = !response.uri().equals(submission.action());
            return ContactFormResult.submitted(MessageStatus.FAILED, "HTTP " + status
                    + (redirected ? " after the form was accepted" : ""), !redirected && retryable(status), submission,
                    status);
        }
        Optional<String> error = SubmissionErrors.in(response);
        if (error.isPresent()) {
            log.info("Contact form at {} rejected the submission", host);
            return ContactFormResult.submitted(MessageStatus.FAILED, error.get(), false, submission, status);
        }
        log.info("Contact form at {} accepted {} fields (HTTP {})", host, submission.entries().size(), status);
        return ContactFormResult.submitted(MessageStatus.SENT, "submitted; the site answered HTTP " + status, false,
                submission, status);
    }

    /** Server trouble and rate limiting may pass; any other 4xx will not. */
    private static boolean retryable(int status) {
        return status >= 500 || status == 429 || status == 408;
    }

    /** Lead data often holds a bare domain: without a scheme https is assumed. */
    static Optional<URI> pageUri(String pageUrl) {
        String url = pageUrl.strip();
        if (!url.contains("://")) {
            url = "https://" + url;
        }
        try {
            URI uri = new URI(url);
            return Optional.of(uri.getRawFragment() == null ? uri : new URI(url.substring(0, url.indexOf('#'))));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
