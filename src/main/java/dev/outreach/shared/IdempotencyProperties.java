package dev.outreach.shared;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Idempotency keys of the REST API, under {@code outreach.idempotency}.
 *
 * @param ttl           how long a key's first answer is kept and replayed; after it the key is free again
 * @param purgeInterval how often expired keys are deleted (an expired key is never replayed, purged or not)
 */
@ConfigurationProperties("outreach.idempotency")
public record IdempotencyProperties(@DefaultValue("24h") Duration ttl, @DefaultValue("1h") Duration purgeInterval) {

    public IdempotencyProperties {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("outreach.idempotency.ttl must be positive, not " + ttl);
        }
    }
}
