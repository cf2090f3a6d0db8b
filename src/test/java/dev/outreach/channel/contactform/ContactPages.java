package dev.outreach.channel.contactform;

/** Contact pages shaped like the ones real sites serve (markup trimmed, structure kept). */
final class ContactPages {

    private ContactPages() {
    }

    /** A WordPress page with Contact Form 7, a search form in the header and a newsletter form in the footer. */
    static final String CONTACT_FORM_7 = """
            <!DOCTYPE html>
            <html lang="en-US">
            <head>
            <meta charset="UTF-8">
            <title>Contact &#8211; Acme Plumbing</title>
            <link rel='stylesheet' id='contact-form-7-css' href='/wp-content/plugins/contact-form-7/includes/css/styles.css?ver=5.9.3' media='all' />
            </head>
            <body class="page-template-default page page-id-12">
            <header>
            <form role="search" method="get" class="search-form" action="/">
              <label><span class="screen-reader-text">Search for:</span>
              <input type="search" class="search-field" placeholder="Search &hellip;" value="" name="s" /></label>
              <input type="submit" class="search-submit" value="Search" />
            </form>
            </header>
            <main>
            <h1>Contact us</h1>
            <div class="wpcf7 no-js" id="wpcf7-f5-o1" lang="en-US" dir="ltr" data-wpcf7-id="5">
            <div class="screen-reader-response"><p role="status" aria-live="polite" aria-atomic="true"></p> <ul></ul></div>
            <form action="/contact/#wpcf7-f5-o1" method="post" class="wpcf7-form init" aria-label="Contact form" novalidate="novalidate" data-status="init">
            <div style="display: none;">
            <input type="hidden" name="_wpcf7" value="5" />
            <input type="hidden" name="_wpcf7_version" value="5.9.3" />
            <input type="hidden" name="_wpcf7_locale" value="en_US" />
            <input type="hidden" name="_wpcf7_unit_tag" value="wpcf7-f5-o1" />
            <input type="hidden" name="_wpcf7_container_post" value="0" />
            <input type="hidden" name="_wpcf7_posted_data_hash" value="" />
            </div>
            <p><label> Your name<br />
            <span class="wpcf7-form-control-wrap" data-name="your-name"><input size="40" maxlength="400" class="wpcf7-form-control wpcf7-text wpcf7-validates-as-required" autocomplete="name" aria-required="true" aria-invalid="false" value="" type="text" name="your-name" /></span> </label>
            </p>
            <p><label> Your email<br />
            <span class="wpcf7-form-control-wrap" data-name="your-email"><input size="40" maxlength="400" class="wpcf7-form-control wpcf7-email wpcf7-validates-as-required wpcf7-text wpcf7-validates-as-email" autocomplete="email" aria-required="true" aria-invalid="false" value="" type="email" name="your-email" /></span> </label>
            </p>
            <p><label> Subject<br />
            <span class="wpcf7-form-control-wrap" data-name="your-subject"><input size="40" maxlength="400" class="wpcf7-form-control wpcf7-text wpcf7-validates-as-required" aria-required="true" aria-invalid="false" value="" type="text" name="your-subject" /></span> </label>
            </p>
            <p><label> Your message (optional)<br />
            <span class="wpcf7-form-control-wrap" data-name="your-message"><textarea cols="40" rows="10" maxlength="2000" class="wpcf7-form-control wpcf7-textarea" aria-invalid="false" name="your-message"></textarea></span> </label>
            </p>
            <p><input class="wpcf7-form-control wpcf7-submit has-spinner" type="submit" value="Submit" />
            </p><div class="wpcf7-response-output" aria-hidden="true"></div>
            </form>
            </div>
            </main>
            <footer>
            <form class="newsletter" action="/newsletter" method="post">
              <label for="nl-email">Get our newsletter</label>
              <input id="nl-email" type="email" name="EMAIL" required>
              <button type="submit">Subscribe</button>
            </form>
            </footer>
            </body>
            </html>
            """;

    /** What Contact Form 7 renders (without JavaScript) after a message was sent. */
    static final String CONTACT_FORM_7_SENT = """
            <!DOCTYPE html><html><body>
            <div class="wpcf7" id="wpcf7-f5-o1">
            <form action="/contact/#wpcf7-f5-o1" method="post" class="wpcf7-form sent" data-status="sent">
            <p><label> Your name<br /><input class="wpcf7-form-control wpcf7-text" aria-invalid="false" type="text" name="your-name" value="" /></label></p>
            <div class="wpcf7-response-output" aria-hidden="true">Thank you for your message. It has been sent.</div>
            </form></div>
            </body></html>
            """;

    /** What Contact Form 7 renders (without JavaScript) when validation failed: HTTP 200 all the same. */
    static final String CONTACT_FORM_7_INVALID = """
            <!DOCTYPE html><html><body>
            <div class="wpcf7" id="wpcf7-f5-o1">
            <form action="/contact/#wpcf7-f5-o1" method="post" class="wpcf7-form invalid" data-status="invalid">
            <p><label> Your email<br /><span class="wpcf7-form-control-wrap" data-name="your-email"><input class="wpcf7-form-control wpcf7-email wpcf7-not-valid" aria-invalid="true" type="email" name="your-email" value="" /><span class="wpcf7-not-valid-tip" aria-hidden="true">Please enter an email address.</span></span></label></p>
            <div class="wpcf7-response-output" aria-hidden="true">One or more fields have an error. Please check and try again.</div>
            </form></div>
            </body></html>
            """;

    /** A HubSpot embedded form as rendered into the page (multipart, labels with "for"). */
    static final String HUBSPOT = """
            <!DOCTYPE html>
            <html><head><title>Talk to sales | Northwind HVAC</title></head>
            <body>
            <div class="hbspt-form" id="hbspt-form-6f1e">
            <form novalidate accept-charset="UTF-8" action="/hubspot/submit" enctype="multipart/form-data" id="hsForm_6f1e" method="POST" class="hs-form stacked hs-custom-form hs-form-private hsForm_6f1e" data-form-id="6f1e0c2a" data-portal-id="1234567">
            <fieldset class="form-columns-2">
            <div class="hs_firstname hs-firstname hs-fieldtype-text field hs-form-field"><label id="label-firstname-6f1e" for="firstname-6f1e"><span>First name</span><span class="hs-form-required">*</span></label>
            <div class="input"><input id="firstname-6f1e" name="firstname" required placeholder="" type="text" class="hs-input" inputmode="text" autocomplete="given-name" value=""></div></div>
            <div class="hs_lastname hs-lastname hs-fieldtype-text field hs-form-field"><label id="label-lastname-6f1e" for="lastname-6f1e"><span>Last name</span></label>
            <div class="input"><input id="lastname-6f1e" name="lastname" placeholder="" type="text" class="hs-input" inputmode="text" autocomplete="family-name" value=""></div></div>
            </fieldset>
            <fieldset class="form-columns-1">
            <div class="hs_email hs-email hs-fieldtype-text field hs-form-field"><label id="label-email-6f1e" for="email-6f1e"><span>Email</span><span class="hs-form-required">*</span></label>
            <div class="input"><input id="email-6f1e" name="email" required placeholder="" type="email" class="hs-input" inputmode="email" autocomplete="email" value=""></div></div>
            </fieldset>
            <fieldset class="form-columns-2">
            <div class="hs_company hs-company hs-fieldtype-text field hs-form-field"><label id="label-company-6f1e" for="company-6f1e"><span>Company name</span></label>
            <div class="input"><input id="company-6f1e" name="company" type="text" class="hs-input" inputmode="text" autocomplete="organization" value=""></div></div>
            <div class="hs_phone hs-phone hs-fieldtype-phonenumber field hs-form-field"><label id="label-phone-6f1e" for="phone-6f1e"><span>Phone number</span></label>
            <div class="input"><input id="phone-6f1e" name="phone" type="tel" class="hs-input" inputmode="tel" autocomplete="tel" value=""></div></div>
            </fieldset>
            <fieldset class="form-columns-1">
            <div class="hs_message hs-message hs-fieldtype-textarea field hs-form-field"><label id="label-message-6f1e" for="message-6f1e"><span>How can we help?</span><span class="hs-form-required">*</span></label>
            <div class="input"><textarea id="message-6f1e" class="hs-input hs-fieldtype-textarea" name="message" required></textarea></div></div>
            </fieldset>
            <fieldset class="form-columns-1">
            <div class="legal-consent-container"><div class="hs-dependent-field"><div class="hs_LEGAL_CONSENT.subscription_type_123 field hs-form-field">
            <div class="input"><ul class="inputs-list"><li class="hs-form-booleancheckbox"><label for="LEGAL_CONSENT.subscription_type_123-6f1e" class="hs-form-booleancheckbox-display">
            <input id="LEGAL_CONSENT.subscription_type_123-6f1e" class="hs-input" type="checkbox" name="LEGAL_CONSENT.subscription_type_123" value="true"><span>I agree to receive other communications from Northwind HVAC.</span></label></li></ul></div>
            </div></div></div>
            </fieldset>
            <input type="hidden" name="hs_context" value="{&quot;rumScriptExecuteTime&quot;:1234,&quot;pageUrl&quot;:&quot;/hubspot&quot;}">
            <div class="hs_submit hs-submit"><div class="actions"><input type="submit" class="hs-button primary large" value="Submit"></div></div>
            </form>
            </div>
            </body></html>
            """;

    /** A HubSpot answer to a submission the portal refused. */
    static final String HUBSPOT_ERROR = """
            <html><body><form class="hs-form"><div class="hs_email field hs-form-field">
            <input name="email" class="hs-input invalid error" type="email">
            <ul class="no-list hs-error-msgs inputs-list" role="alert"><li><label class="hs-error-msg">Email must be formatted correctly.</label></li></ul>
            </div></form></body></html>
            """;

    /** A simple contact form with a widget of the given CAPTCHA. */
    static String withCaptcha(String widget, String script) {
        return """
                <html><head><script src="%s" async defer></script></head><body>
                <form id="contact-form" action="/captcha/submit" method="post">
                <label for="name">Name</label><input id="name" name="name" required>
                <label for="email">Email</label><input id="email" name="email" type="email" required>
                <label for="msg">Message</label><textarea id="msg" name="msg" required></textarea>
                %s
                <button type="submit">Send</button>
                </form></body></html>
                """.formatted(script, widget);
    }

    static final String RECAPTCHA = withCaptcha(
            "<div class=\"g-recaptcha\" data-sitekey=\"6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI\"></div>",
            "https://www.google.com/recaptcha/api.js");
    static final String HCAPTCHA = withCaptcha(
            "<div class=\"h-captcha\" data-sitekey=\"10000000-ffff-ffff-ffff-000000000001\"></div>",
            "https://js.hcaptcha.com/1/api.js");
    static final String TURNSTILE = withCaptcha(
            "<div class=\"cf-turnstile\" data-sitekey=\"1x00000000000000000000AA\"></div>",
            "https://challenges.cloudflare.com/turnstile/v0/api.js");

    /** A page whose only form is a newsletter signup: not a contact form. */
    static final String NEWSLETTER_ONLY = """
            <html><body><h1>About us</h1><p>Family-owned since 1978.</p>
            <form id="mc-embedded-subscribe-form" class="validate" action="/subscribe/post" method="post">
              <label for="mce-EMAIL">Email Address</label>
              <input type="email" name="EMAIL" id="mce-EMAIL" required>
              <input type="hidden" name="b_1234_abcd" tabindex="-1" value="">
              <input type="submit" value="Subscribe" name="subscribe" id="mc-embedded-subscribe">
            </form></body></html>
            """;

    /** A blog post whose comment form has a message, a name and an email: still not a contact form. */
    static final String BLOG_COMMENTS = """
            <html><body><article>Ten tips for your boiler</article>
            <form action="/wp-comments-post.php" method="post" id="commentform" class="comment-form">
              <p><label for="comment">Comment</label><textarea id="comment" name="comment" required></textarea></p>
              <p><label for="author">Name</label><input id="author" name="author" type="text" required></p>
              <p><label for="email">Email</label><input id="email" name="email" type="email" required></p>
              <input name="submit" type="submit" id="submit" class="submit" value="Post Comment">
              <input type="hidden" name="comment_post_ID" value="42" id="comment_post_ID">
            </form></body></html>
            """;

    /** A contact form with a simple action, for pages whose answers the tests vary. */
    static String simpleForm(String action, String extraFields) {
        return """
                <html><body><h1>Get in touch</h1>
                <form class="contact" action="%s" method="post">
                <input type="hidden" name="token" value="t0k3n">
                <label>Full name <input name="fullname" required></label>
                <label>E-mail <input name="mail" required></label>
                <label>Your message <textarea name="body" required></textarea></label>
                %s
                <button type="submit" name="send" value="1">Send</button>
                </form></body></html>
                """.formatted(action, extraFields);
    }

    static final String THANK_YOU = "<html><body><h1>Thank you!</h1><p>We will be in touch soon.</p></body></html>";
}
