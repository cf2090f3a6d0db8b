package dev.outreach.channel.contactform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class ContactLinksTests {

    private static final URI HOME = URI.create("https://www.acme-plumbing.co.uk/");

    private static java.util.List<URI> links(String html) {
        return ContactLinks.on(Jsoup.parse(html, HOME.toString()), HOME, 2);
    }

    @Test
    void contactLinksComeFirstAndAtMostTwoAreTaken() {
        assertThat(links("""
                <a href="/services/">Services</a>
                <a href="/free-estimate/">Free estimate</a>
                <a href="/request-a-quote">Get a quote</a>
                <a href="/reach-us/">Contact us</a>
                """)).containsExactly(URI.create("https://www.acme-plumbing.co.uk/reach-us/"),
                URI.create("https://www.acme-plumbing.co.uk/free-estimate/"));
    }

    @Test
    void careersPrivacyLoginAndCartAreNeverTaken() {
        assertThat(links("""
                <a href="/careers/">Contact our recruiting team</a>
                <a href="/jobs/apply">Apply</a>
                <a href="/privacy-policy/#contact">Privacy contact</a>
                <a href="/my-account/">Account contact details</a>
                <a href="/cart/">Quote cart</a>
                <a href="/checkout/">Estimate checkout</a>
                <a href="/wp-login.php">Log in to contact</a>
                """)).isEmpty();
    }

    @Test
    void onlyTheSameSiteByRegistrableDomain() {
        assertThat(links("""
                <a href="https://acme-plumbing.co.uk/contact">Contact</a>
                <a href="https://facebook.com/acme/contact">Contact us on Facebook</a>
                <a href="mailto:office@acme-plumbing.co.uk">Contact by email</a>
                <a href="tel:+44100">Contact by phone</a>
                """)).containsExactly(URI.create("https://acme-plumbing.co.uk/contact"));
    }

    @Test
    void thePathAloneMaySayContact() {
        assertThat(links("<a href='/contact-us/'>Say hello</a><a href='/schedule-service'>Book</a>"))
                .containsExactly(URI.create("https://www.acme-plumbing.co.uk/contact-us/"),
                        URI.create("https://www.acme-plumbing.co.uk/schedule-service"));
    }
}
