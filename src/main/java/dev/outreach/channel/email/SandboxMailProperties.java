package dev.outreach.channel.email;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The in-process sandbox SMTP server, under {@code outreach.sandbox}.
 *
 * @param enabled whether the server runs; SANDBOX email fails (retryable) while it does not
 * @param smtpPort the port on 127.0.0.1; 0 picks a free one
 * @param maxMessages how many messages it keeps; the oldest go first
 */
@ConfigurationProperties("outreach.sandbox")
public record SandboxMailProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("0") int smtpPort,
        @DefaultValue("5000") int maxMessages) {

    public SandboxMailProperties {
        if (smtpPort < 0 || smtpPort > 65_535) {
            throw new IllegalArgumentException("outreach.sandbox.smtp-port must be 0-65535, was " + smtpPort);
        }
        if (maxMessages < 1) {
            throw new IllegalArgumentException("outreach.sandbox.max-messages must be at least 1, was " + maxMessages);
        }
    }
}
