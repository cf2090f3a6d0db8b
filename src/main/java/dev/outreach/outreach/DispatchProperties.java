package dev.outreach.outreach;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox dispatcher, under {@code outreach.dispatch}: how many messages one claim takes,
 * how often it polls, how long a claim holds a message (the lease: given at the claim and renewed
 * for the messages still to go once a quarter of it has passed, so it must cover the slowest
 * message, every channel's timeouts in a row, with a quarter to spare; when it runs out, a message
 * a sender had started is flagged for review and one it had not is PENDING again), and how many
 * senders work through one batch at once.
 *
 * @param parallelism senders per batch, each with its own connections (one SMTP connection per
 *        mailbox it uses): while one waits for a server's reply or the database, the others send
 * @param shutdownGrace how long a stopping application waits for the senders to finish the
 *        message in hand; unstarted claims are returned to PENDING at once either way
 */
@ConfigurationProperties("outreach.dispatch")
public record DispatchProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("50") int batchSize,
        @DefaultValue("10s") Duration pollInterval,
        @DefaultValue("15m") Duration lease,
        @DefaultValue("4") int parallelism,
        @DefaultValue("30s") Duration shutdownGrace) {

    public DispatchProperties {
        if (batchSize < 1) {
            throw new IllegalArgumentException("outreach.dispatch.batch-size must be at least 1, was " + batchSize);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("outreach.dispatch.parallelism must be at least 1, was " + parallelism);
        }
    }
}
