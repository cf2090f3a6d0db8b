package dev.outreach.channel.contactform;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
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
 * @param userAgent the User-Agent sent with every request
 */
@ConfigurationProperties("outreach.contact-form")
public record ContactFormProperties(
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("3") int maxRedirects,
        @DefaultValue("2097152") long maxBodyBytes,
        @DefaultValue List<String> allowedHosts,
        @DefaultValue("OutreachEngine/1.0 (+contact form)") String userAgent) {

    public ContactFormProperties {
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    }

    /** The defaults, for code that runs without Spring (tests). */
    public static ContactFormProperties defaults() {
        return new ContactFormProperties(Duration.ofSeconds(5), Duration.ofSeconds(10), 3, 2_097_152, List.of(),
                "OutreachEngine/1.0 (+contact form)");
    }
}
