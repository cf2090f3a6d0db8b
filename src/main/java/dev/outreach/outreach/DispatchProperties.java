package dev.outreach.outreach;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox dispatcher, under {@code outreach.dispatch}: how many messages one claim takes,
 * how often it polls, and how long one message may stay SENDING before it is flagged for review
 * (renewed as each message of a batch starts; it must cover the slowest message: every
 * channel's timeouts in a row).
 */
@ConfigurationProperties("outreach.dispatch")
public record DispatchProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("50") int batchSize,
        @DefaultValue("10s") Duration pollInterval,
        @DefaultValue("15m") Duration lease) {
}
