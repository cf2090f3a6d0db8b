package dev.outreach.channel.email;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the email channel, under {@code outreach.email}.
 *
 * @param connectTimeout how long to wait for the TCP (and TLS) connection to an SMTP server
 * @param readTimeout how long to wait for one SMTP reply; also bounds one write
 */
@ConfigurationProperties("outreach.email")
public record EmailProperties(
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout) {

    /** The defaults, for code that runs without Spring (tests). */
    public static EmailProperties defaults() {
        return new EmailProperties(Duration.ofSeconds(10), Duration.ofSeconds(30));
    }
}
