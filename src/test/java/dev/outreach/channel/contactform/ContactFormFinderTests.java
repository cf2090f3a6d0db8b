package dev.outreach.channel.contactform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.channel.contactform.FormControl.Kind;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class ContactFormFinderTests {

    private final ContactFormFinder finder = new ContactFormFinder();

    private static Document page(String html) {
        return Jsoup.parse(html, "https://www.acme-plumbing.example/contact/");
    }

    private ContactForm find(String html) {
        return finder.find(page(html)).orElseThrow();
    }

    private static FieldRole roleOf(ContactForm form, String name) {
        return form.controls().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().role();
    }

    @Test
    void contactForm7IsFoundAmongTheSearchAndNewsletterForms() {
        ContactForm form = find(ContactPages.CONTACT_FORM_7);

        assertThat(form.action()).isEqualTo("https://www.acme-plumbing.example/contact/");
        assertThat(form.method()).isEqualTo("POST");
        assertThat(form.multipart()).isFalse();
        assertThat(roleOf(form, "_wpcf7")).isEqualTo(FieldRole.HIDDEN);
        assertThat(roleOf(form, "your-name")).isEqualTo(FieldRole.NAME);
        assertThat(roleOf(form, "your-email")).isEqualTo(FieldRole.EMAIL);
        assertThat(roleOf(form, "your-subject")).isEqualTo(FieldRole.SUBJECT);
        assertThat(roleOf(form, "your-message")).isEqualTo(FieldRole.MESSAGE);
        assertThat(form.controls()).filteredOn(c -> c.name().equals("your-name"))
                .singleElement().satisfies(c -> {
                    assertThat(c.required()).as("CF7 marks required fields by class").isTrue();
                    assertThat(c.label()).isEqualTo("Your name");
                });
    }

    @Test
    void hubSpotFieldsAreMappedByNameLabelAndType() {
        ContactForm form = find(ContactPages.HUBSPOT);

        assertThat(form.multipart()).isTrue();
        assertThat(form.action()).isEqualTo("https://www.acme-plumbing.example/hubspot/submit");
        assertThat(roleOf(form, "firstname")).isEqualTo(FieldRole.FIRST_NAME);
        assertThat(roleOf(form, "lastname")).isEqualTo(FieldRole.LAST_NAME);
        assertThat(roleOf(form, "email")).isEqualTo(FieldRole.EMAIL);
        assertThat(roleOf(form, "company")).as("'Company name' is a company, not a name").isEqualTo(FieldRole.COMPANY);
        assertThat(roleOf(form, "phone")).isEqualTo(FieldRole.PHONE);
        assertThat(roleOf(form, "message")).isEqualTo(FieldRole.MESSAGE);
        assertThat(roleOf(form, "hs_context")).isEqualTo(FieldRole.HIDDEN);
    }

    @Test
    void fieldsAreRecognisedByLabelOrPlaceholderWhenTheirNamesSayNothing() {
        ContactForm form = find("""
                <form action="/send" method="post">
                  <label for="f1">Your name</label><input id="f1" name="field_1">
                  <input name="field_2" placeholder="Work e-mail">
                  <input name="field_3" aria-label="Phone number">
                  <input name="field_4" placeholder="Organisation">
                  <textarea name="field_5"></textarea>
                </form>
                """);

        assertThat(form.controls()).extracting(FormControl::role).containsExactly(
                FieldRole.NAME, FieldRole.EMAIL, FieldRole.PHONE, FieldRole.COMPANY, FieldRole.MESSAGE);
    }

    @Test
    void aNewsletterSignupIsNotAContactForm() {
        assertThat(finder.find(page(ContactPages.NEWSLETTER_ONLY))).isEmpty();
    }

    @Test
    void aBlogCommentFormIsNotAContactForm() {
        assertThat(finder.find(page(ContactPages.BLOG_COMMENTS))).isEmpty();
    }

    @Test
    void aLoginFormIsNeverTaken() {
        Optional<ContactForm> form = finder.find(page("""
                <form action="/login" method="post"><input name="email" type="email">
                <input name="password" type="password"><textarea name="message"></textarea></form>
                """));

        assertThat(form).isEmpty();
    }

    @Test
    void controlsKeepWhatABrowserWouldSubmit() {
        ContactForm form = find("""
                <form action="/send" method="post">
                  <input name="email" type="email"><textarea name="message"></textarea>
                  <input name="skipped" disabled value="x">
                  <select name="topic"><option value="">Choose</option><option value="sales" selected>Sales</option></select>
                  <input type="checkbox" name="copy" checked>
                  <input type="radio" name="via" value="email"><input type="radio" name="via" value="phone" checked>
                  <input type="reset"><input type="file" name="attachment">
                  <button>Send</button>
                </form>
                """);

        assertThat(form.controls()).extracting(FormControl::name)
                .containsExactly("email", "message", "topic", "copy", "via", "via", "");
        assertThat(form.controls()).filteredOn(c -> c.kind() == Kind.SELECT).singleElement()
                .satisfies(c -> assertThat(c.defaultValue()).isEqualTo("sales"));
        assertThat(form.controls()).filteredOn(c -> c.kind() == Kind.CHECKBOX).singleElement()
                .satisfies(c -> assertThat(c.defaultValue()).isEqualTo("on"));
    }

    @Test
    void aFormWithoutActionSubmitsToThePageAndDefaultsToGet() {
        ContactForm form = find("""
                <form><input name="email" type="email"><textarea name="message"></textarea></form>
                """);

        assertThat(form.action()).isEqualTo("https://www.acme-plumbing.example/contact/");
        assertThat(form.method()).isEqualTo("GET");
    }

    @Test
    void captchasAreRecognised() {
        assertThat(Captcha.on(page(ContactPages.RECAPTCHA))).contains(Captcha.RECAPTCHA);
        assertThat(Captcha.on(page(ContactPages.HCAPTCHA))).contains(Captcha.HCAPTCHA);
        assertThat(Captcha.on(page(ContactPages.TURNSTILE))).contains(Captcha.TURNSTILE);
        assertThat(Captcha.on(page(ContactPages.CONTACT_FORM_7))).isEmpty();
    }

    @Test
    void anInvisibleRecaptchaIsRecognisedByItsScriptAlone() {
        Document page = page("""
                <html><head><script src="https://www.google.com/recaptcha/api.js?render=6Lc_abc"></script></head>
                <body><form><input name="email"><textarea name="message"></textarea></form></body></html>
                """);

        assertThat(Captcha.on(page)).contains(Captcha.RECAPTCHA);
    }
}
