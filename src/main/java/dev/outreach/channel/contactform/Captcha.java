package dev.outreach.channel.contactform;

import java.util.Arrays;
import java.util.Optional;
import org.jsoup.nodes.Document;

/**
 * The CAPTCHAs we recognise. We never try to solve one: a protected form is skipped. The whole
 * page is searched, since invisible variants (reCAPTCHA v3, Contact Form 7's integration) only
 * load a script and add a hidden token field.
 */
enum Captcha {
    RECAPTCHA("reCAPTCHA", ".g-recaptcha, textarea[name=g-recaptcha-response], input[name=_wpcf7_recaptcha_response], "
            + "script[src*=google.com/recaptcha], script[src*=gstatic.com/recaptcha], script[src*=recaptcha.net], "
            + "iframe[src*=google.com/recaptcha]"),
    HCAPTCHA("hCaptcha", ".h-captcha, script[src*=hcaptcha.com], iframe[src*=hcaptcha.com]"),
    TURNSTILE("Cloudflare Turnstile", ".cf-turnstile, script[src*=challenges.cloudflare.com], "
            + "iframe[src*=challenges.cloudflare.com], input[name=cf-turnstile-response]");

    private final String label;
    private final String selector;

    Captcha(String label, String selector) {
        this.label = label;
        this.selector = selector;
    }

    String label() {
        return label;
    }

    /** The first CAPTCHA found anywhere on the page. */
    static Optional<Captcha> on(Document page) {
        return Arrays.stream(values()).filter(c -> !page.select(c.selector).isEmpty()).findFirst();
    }
}
