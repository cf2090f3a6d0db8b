package dev.outreach.channel.contactform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SiteNameTests {

    @Test
    void aSiteIsItsRegistrableDomain() {
        assertThat(SiteName.of("https://www.acme-plumbing.co.uk/contact")).contains("acme-plumbing.co.uk");
        assertThat(SiteName.of("acme-plumbing.co.uk")).contains("acme-plumbing.co.uk");
        assertThat(SiteName.of("http://shop.Northwind-HVAC.com./quote")).contains("northwind-hvac.com");
    }

    @Test
    void sitesOnSharedHostingSuffixesAreApart() {
        assertThat(SiteName.of("https://ortiz-hvac.github.io/")).contains("ortiz-hvac.github.io");
        assertThat(SiteName.of("https://ray-roofing.blogspot.com/home")).contains("ray-roofing.blogspot.com");
    }

    @Test
    void namesUnderNoKnownSuffixAndAddressesStillNameASite() {
        assertThat(SiteName.of("https://www.acme.example/")).contains("acme.example");
        assertThat(SiteName.of("http://127.0.0.1:8080/contact")).contains("127.0.0.1");
        assertThat(SiteName.of("not a url")).isEmpty();
        assertThat(SiteName.of("")).isEmpty();
    }
}
