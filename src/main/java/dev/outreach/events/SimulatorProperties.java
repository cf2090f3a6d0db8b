package dev.outreach.events;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sandbox's event simulator ({@code outreach.simulator.*}): what share of sandbox email is
 * bounced, complained about, opened, clicked and replied to. Rates are fractions of the
 * messages sent; {@code domainBounceRates} overrides the bounce rate for the mailboxes of a
 * sending domain (the demo gives one domain a bad rate so that its pause can be seen).
 */
@ConfigurationProperties("outreach.simulator")
public record SimulatorProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("30s") Duration interval,
        @DefaultValue("20s") Duration delay,
        @DefaultValue("500") int batchSize,
        @DefaultValue("0.02") double bounceRate,
        @DefaultValue("0.75") double hardBounceShare,
        @DefaultValue("0.001") double complaintRate,
        @DefaultValue("0.45") double openRate,
        @DefaultValue("0.3") double machineOpenShare,
        @DefaultValue("0.08") double clickRate,
        @DefaultValue("0.03") double replyRate,
        Map<String, Double> domainBounceRates) {

    public SimulatorProperties {
        domainBounceRates = domainBounceRates == null ? Map.of() : Map.copyOf(domainBounceRates);
        for (double rate : new double[] {bounceRate, hardBounceShare, complaintRate, openRate, machineOpenShare, clickRate,
                replyRate}) {
            if (rate < 0 || rate > 1) {
                throw new IllegalArgumentException("outreach.simulator rates must be between 0 and 1, was " + rate);
            }
        }
    }

    double bounceRateFor(String domain) {
        return domain == null ? bounceRate : domainBounceRates.getOrDefault(domain, bounceRate);
    }
}
