package dev.outreach.channel.email;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the email channel, under {@code outreach.email}.
 *
 * @param connectTimeout how long to wait for the TCP (and TLS) connection to an SMTP server
 * @param readTimeout how long to wait for one SMTP reply; also bounds one write
 * @param relays which SMTP hosts belong to which email service provider (see {@link RelayHeaders})
 */
@ConfigurationProperties("outreach.email")
public record EmailProperties(
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue Relays relays) {

    /**
     * SMTP host names of each provider's relay: a mailbox whose SMTP host is one of them relays
     * through that provider, and each message gets the header that makes the provider echo our
     * message id in its events. An entry {@code *.example.com} matches every host under it.
     */
    public record Relays(
            @DefaultValue("smtp.sendgrid.net") List<String> sendgrid,
            @DefaultValue({"smtp.mailgun.org", "smtp.eu.mailgun.org"}) List<String> mailgun,
            @DefaultValue({"smtp.postmarkapp.com", "smtp-broadcasts.postmarkapp.com"}) List<String> postmark,
            @DefaultValue("email-smtp.*.amazonaws.com") List<String> ses) {

        public static Relays defaults() {
            return new Relays(List.of("smtp.sendgrid.net"), List.of("smtp.mailgun.org", "smtp.eu.mailgun.org"),
                    List.of("smtp.postmarkapp.com", "smtp-broadcasts.postmarkapp.com"), List.of("email-smtp.*.amazonaws.com"));
        }
    }

    @org.springframework.boot.context.properties.bind.ConstructorBinding
    public EmailProperties {
        relays = relays == null ? Relays.defaults() : relays;
    }

    public EmailProperties(Duration connectTimeout, Duration readTimeout) {
        this(connectTimeout, readTimeout, Relays.defaults());
    }

    /** The defaults, for code that runs without Spring (tests). */
    public static EmailProperties defaults() {
        return new EmailProperties(Duration.ofSeconds(10), Duration.ofSeconds(30));
    }
}
