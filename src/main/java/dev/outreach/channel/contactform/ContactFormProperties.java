package dev.outreach.channel.contactform;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the contact-form channel, under {@code outreach.contact-form}.
 *
 * @param connectTimeout how long to wait for a TCP (and TLS) connection
 * @param readTimeout how long one request may take, response body included
 * @param maxRedirects redirects followed per request; each one is checked by the URL guard
 * @param maxBodyBytes the largest response body read; a bigger page fails the attempt
 * @param allowedHosts exact {@code host:port} pairs the URL guard lets through although their
 *     address is loopback or private. For tests and staging only; empty in production.
 * @param userAgent the product part of the User-Agent sent with every request
 * @param contactUrl where a site owner reads who we are and how to stop us; appended to the
 *     User-Agent as {@code (+url)}
 * @param perSiteInterval at most one submission per site (registrable domain) within this
 *     period, across all leads of the site; zero turns the limit off
 */
@ConfigurationProperties("outreach.contact-form")
public record ContactFormProperties(
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("3") int maxRedirects,
        @DefaultValue("2097152") long maxBodyBytes,
        @DefaultValue List<String> allowedHosts,
        @DefaultValue("OutreachEngine/1.0") String userAgent,
        @DefaultValue("") String contactUrl,
        @DefaultValue("30d") Duration perSiteInterval) {

    @ConstructorBinding
    public ContactFormProperties {
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        contactUrl = contactUrl == null ? "" : contactUrl.strip();
        perSiteInterval = perSiteInterval == null ? Duration.ofDays(30) : perSiteInterval;
    }

    /** Without a contact URL and with the default per-site interval. */
    public ContactFormProperties(Duration connectTimeout, Duration readTimeout, int maxRedirects, long maxBodyBytes,
            List<String> allowedHosts, String userAgent) {
        this(connectTimeout, readTimeout, maxRedirects, maxBodyBytes, allowedHosts, userAgent, "",
                Duration.ofDays(30));
    }

    /** The defaults, for code that runs without Spring (tests). */
    public static ContactFormProperties defaults() {
        return new ContactFormProperties(Duration.ofSeconds(5), Duration.ofSeconds(10), 3, 2_097_152, List.of(),
                "OutreachEngine/1.0");
    }

    /** The User-Agent header: the product, and the contact URL when one is set. */
    public String userAgentHeader() {
        return contactUrl.isEmpty() ? userAgent : userAgent + " (+" + contactUrl + ")";
    }
}
