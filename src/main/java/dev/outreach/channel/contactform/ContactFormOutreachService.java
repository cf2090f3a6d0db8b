package dev.outreach.channel.contactform;

import dev.outreach.channel.UrlGuard;
import dev.outreach.channel.UrlRefusedException;
import dev.outreach.shared.MessageStatus;
import java.net.CookieManager;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.jsoup.nodes.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * ContactFormOutreachService: reaches a lead through the contact form on its
 * website. It fetches the page through the {@link UrlGuard}, picks the contact form
 * ({@link ContactFormFinder}) and reads it ({@link ContactPageReader}) or, when the page has none, follows at most
 * {@value #MAX_CONTACT_LINKS} of its contact links ({@link ContactLinks}); skips it when a
 * CAPTCHA protects it, a required field cannot be filled honestly, the site opted out or was
 * contacted within the per-site interval; submits it as a browser would and reads the answer
 * for evidence ({@link SubmissionEvidence}).
 */
@Service
public class ContactFormOutreachService {

    static final int MAX_CONTACT_LINKS = 2;

    private static final Logger log = LoggerFactory.getLogger(ContactFormOutreachService.class);

    private final UrlGuard guard;
    private final GuardedHttpClient http;
    private final SitePolicy sites;
    private final ContactFormFinder finder = new ContactFormFinder();
    private final ContactPageReader reader = new ContactPageReader();

    /** Without the opt-out list and the per-site limit: for reading and submitting forms in tests. */
    ContactFormOutreachService(UrlGuard guard, ContactFormProperties properties) {
        this(guard, properties, SitePolicy.NONE, null);
    }

    /** With its own TLS context: only tests, whose sites have a certificate of their own, give one. */
    ContactFormOutreachService(UrlGuard guard, ContactFormProperties properties, SSLContext tls) {
        this(guard, properties, SitePolicy.NONE, tls);
    }

    @Autowired
    ContactFormOutreachService(UrlGuard guard, ContactFormProperties properties, SitePolicy sites) {
        this(guard, properties, sites, null);
    }

    private ContactFormOutreachService(UrlGuard guard, ContactFormProperties properties, SitePolicy sites,
            SSLContext tls) {
        this.guard = guard;
        this.http = new GuardedHttpClient(guard, properties, tls);
        this.sites = sites;
    }

    /** {@link #submit(ContactFormRequest, Long)} for no particular lead. */
    public ContactFormResult submit(ContactFormRequest request) {
        return submit(request, null);
    }

    /**
     * Submits the message through the contact form at the request's page, or on a contact page
     * it links to. Never throws for what a site does: the result says SENT (confirmed or not),
     * FAILED (retryable or not) or SKIPPED, and why, with the fields that went out and the page
     * the form was found on.
     */
    public ContactFormResult submit(ContactFormRequest request, Long leadId) {
        Optional<URI> pageUri = pageUri(request.pageUrl());
        if (pageUri.isEmpty()) {
            return ContactFormResult.failed("the page URL is not a valid URL", false, 0);
        }
        Optional<String> optedOut = sites.optedOut(pageUri.get().toString());
        if (optedOut.isPresent()) {
            return ContactFormResult.skipped(optedOut.get());
        }
        CookieManager cookies = new CookieManager(); // per touch: a form's session cookie, nothing kept
        Fetched fetched = fetch(pageUri.get(), cookies);
        if (fetched.failure() != null) {
            return fetched.failure();
        }
        HttpPage page = fetched.page();
        if (!page.isHtml()) {
            return ContactFormResult.skipped("no contact form found: the page is " + page.contentType());
        }
        Optional<String> redirectedOptOut = sites.optedOut(page.uri().toString());
        if (redirectedOptOut.isPresent()) {
            return ContactFormResult.skipped(redirectedOptOut.get());
        }
        Located located = locate(page, cookies, new ArrayList<>());
        if (located.form() == null) {
            return ContactFormResult.skipped(notFound(located, request).skipReason());
        }
        return submitOn(located, request, leadId, cookies).foundOn(located.page().uri());
    }

    private ContactFormResult submitOn(Located located, ContactFormRequest request, Long leadId,
            CookieManager cookies) {
        ContactPageReader.Reading reading = reader.read(located.document(), request);
        FormAnalysis analysis = reading.analysis();
        if (reading.submission().isEmpty()) {
            return FormByHand.isCaptchaOnly(analysis)
                    ? ContactFormResult.captcha(analysis.skipReason(), FormByHand.of(analysis))
                    : ContactFormResult.skipped(analysis.skipReason());
        }
        SitePolicy.Claim claim = sites.claim(located.page().uri().toString(), leadId);
        if (!claim.granted()) {
            return ContactFormResult.skipped(claim.refusal());
        }
        ContactFormResult result = send(reading.submission().get(), located.page().uri(), cookies);
        if (!result.reachedTheSite()) {
            sites.release(claim);
        }
        return result;
    }

    /**
     * Without a form on the page or its contact links: the page's own reading when a builder draws
     * its form with script ("js-rendered (HubSpot)"), else what was tried.
     */
    private FormAnalysis notFound(Located located, ContactFormRequest request) {
        FormAnalysis own = reader.read(located.document(), request).analysis();
        return own.jsRendered() != null ? own
                : new FormAnalysis(own.page(), own.formsOnPage(), null, null, null, null, located.missing(),
                        own.captcha(), null, false, located.missing(), List.of());
    }

    /** What the channel would do at the request's page, and every page it fetched to get there. */
    public record Previewed(List<String> pagesFetched, FormAnalysis analysis) {

        public Previewed {
            pagesFetched = List.copyOf(pagesFetched);
        }
    }

    /**
     * Fetches the request's page, and its contact links when it has no form, and reads the form
     * as a submission would, without submitting: the form chosen and why, each field with the
     * value that would go out, the CAPTCHA and js-rendered verdicts. A page that cannot be
     * fetched or is not HTML gives an analysis with no form and the reason.
     */
    public Previewed previewPages(ContactFormRequest request) {
        Optional<URI> pageUri = pageUri(request.pageUrl());
        if (pageUri.isEmpty()) {
            return new Previewed(List.of(), unreadable(request.pageUrl(), "the page URL is not a valid URL"));
        }
        List<String> fetchedPages = new ArrayList<>();
        fetchedPages.add(pageUri.get().toString());
        CookieManager cookies = new CookieManager();
        Fetched fetched = fetch(pageUri.get(), cookies);
        if (fetched.failure() != null) {
            return new Previewed(fetchedPages, unreadable(pageUri.get().toString(), fetched.failure().reason()));
        }
        HttpPage page = fetched.page();
        if (!page.uri().equals(pageUri.get())) {
            fetchedPages.add(page.uri().toString());
        }
        if (!page.isHtml()) {
            return new Previewed(fetchedPages, unreadable(page.uri().toString(),
                    "no contact form found: the page is " + page.contentType()));
        }
        Located located = locate(page, cookies, fetchedPages);
        FormAnalysis analysis = located.form() == null ? notFound(located, request)
                : reader.read(located.document(), request).analysis();
        return new Previewed(fetchedPages, analysis);
    }

    /** {@link #previewPages}, the analysis alone. */
    public FormAnalysis preview(ContactFormRequest request) {
        return previewPages(request).analysis();
    }

    private static FormAnalysis unreadable(String url, String reason) {
        return new FormAnalysis(url, 0, null, null, null, null, reason, null, null, false, reason, List.of());
    }

    /** A page, or why it could not be fetched. */
    private record Fetched(HttpPage page, ContactFormResult failure) {
    }

    private Fetched fetch(URI uri, CookieManager cookies) {
        HttpPage page;
        try {
            page = http.get(uri, cookies);
        } catch (UrlRefusedException e) {
            return new Fetched(null, ContactFormResult.failed("refused: " + e.reason(), false, 0));
        } catch (FetchFailedException e) {
            return new Fetched(null, ContactFormResult.failed(e.getMessage(), e.retryable(), 0));
        }
        if (!page.isSuccess()) {
            return new Fetched(null, ContactFormResult.failed("HTTP " + page.status() + " fetching the page",
                    retryable(page.status()), page.status()));
        }
        return new Fetched(page, null);
    }

    /** The page holding the contact form and the form, or (form null) why none was found. */
    private record Located(HttpPage page, Document document, ContactForm form, String missing) {
    }

    /** Finds the form on the page or a contact page it links to; adds each linked page fetched to {@code fetchedPages}. */
    private Located locate(HttpPage page, CookieManager cookies, List<String> fetchedPages) {
        Document document = page.document();
        Optional<ContactForm> form = finder.find(document);
        if (form.isPresent()) {
            return new Located(page, document, form.get(), null);
        }
        List<URI> links = ContactLinks.on(document, page.uri(), MAX_CONTACT_LINKS);
        List<String> tried = new ArrayList<>();
        for (URI link : links) {
            Fetched fetched = fetch(link, cookies);
            fetchedPages.add(link.toString());
            tried.add(link.getRawPath() + (fetched.failure() == null ? "" : " (" + fetched.failure().reason() + ")"));
            if (fetched.failure() != null || !fetched.page().isHtml()
                    || sites.optedOut(fetched.page().uri().toString()).isPresent()) {
                continue;
            }
            Document linked = fetched.page().document();
            Optional<ContactForm> found = finder.find(linked);
            if (found.isPresent()) {
                log.info("Contact form of {} found on a linked page", page.uri().getHost());
                return new Located(fetched.page(), linked, found.get(), null);
            }
        }
        return new Located(page, document, null, tried.isEmpty() ? "no contact form found on " + page.uri()
                : "no contact form found on " + page.uri() + " or the contact pages it links to: "
                        + String.join(", ", tried));
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
        SubmissionEvidence.Verdict verdict = SubmissionEvidence.of(submission, response);
        log.info("Contact form at {} answered HTTP {}: {}", host, status, verdict.getClass().getSimpleName());
        return switch (verdict) {
            case SubmissionEvidence.Rejected rejected -> ContactFormResult.submitted(MessageStatus.FAILED,
                    "the form was rejected: " + rejected.quote(), false, submission, status);
            case SubmissionEvidence.Confirmed confirmed -> ContactFormResult.submitted(MessageStatus.SENT,
                    "confirmed: " + confirmed.quote(), false, submission, status);
            case SubmissionEvidence.Unconfirmed unconfirmed -> ContactFormResult.sentUnconfirmed(
                    "unconfirmed: " + unconfirmed.quote(), submission, status);
        };
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
