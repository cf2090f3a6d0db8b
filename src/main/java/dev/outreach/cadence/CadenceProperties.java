package dev.outreach.cadence;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outreach.cadence.*}: whether the tick runs on its own (tests turn it off and run it
 * by hand), how many touches one batch transaction writes, and how long a gated final touch
 * waits before the tick looks at it again.
 */
@ConfigurationProperties("outreach.cadence")
record CadenceProperties(
        @DefaultValue("true") boolean tickEnabled,
        @DefaultValue("5000") int batchSize,
        @DefaultValue("6h") Duration gateRecheck,
        @DefaultValue("1000") int recontactBatchSize) {

    CadenceProperties {
        if (batchSize < 1) {
            throw new IllegalArgumentException("outreach.cadence.batch-size must be at least 1, was " + batchSize);
        }
        if (recontactBatchSize < 1) {
            throw new IllegalArgumentException("outreach.cadence.recontact-batch-size must be at least 1, was "
                    + recontactBatchSize);
        }
    }
}
