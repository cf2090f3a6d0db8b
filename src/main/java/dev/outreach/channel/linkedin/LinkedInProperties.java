package dev.outreach.channel.linkedin;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the LinkedIn HTTP provider client, under {@code outreach.linkedin}. Which gateway,
 * the provider's URL, key, account and weekly cap are channel settings that admins edit in
 * the Channels view, not properties.
 *
 * @param connectTimeout how long to wait for a connection to the provider
 * @param requestTimeout how long one request may take, response included
 */
@ConfigurationProperties("outreach.linkedin")
public record LinkedInProperties(
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("15s") Duration requestTimeout) {

    /** The defaults, for code that runs without Spring (tests). */
    public static LinkedInProperties defaults() {
        return new LinkedInProperties(Duration.ofSeconds(5), Duration.ofSeconds(15));
    }
}
