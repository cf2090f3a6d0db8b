package dev.outreach.deliverability;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When soft bounces add up to a suppression, under {@code outreach.suppression.soft-bounces}:
 * {@code threshold} soft bounces of one address within any {@code window} suppress it like a
 * hard bounce. A threshold of 0 turns the rule off.
 */
@ConfigurationProperties("outreach.suppression.soft-bounces")
public record SoftBounceProperties(@DefaultValue("3") int threshold, @DefaultValue("14d") Duration window) {

    public SoftBounceProperties {
        if (threshold < 0) {
            throw new IllegalArgumentException("outreach.suppression.soft-bounces.threshold must be 0 (off) or more");
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("outreach.suppression.soft-bounces.window must be positive");
        }
    }

    /** "14 days", "36 hours": the window as the suppression reason states it. */
    String windowInWords() {
        if (window.toHours() % 24 == 0) {
            return dev.outreach.shared.Wording.count(window.toDays(), "day");
        }
        return window.toMinutes() % 60 == 0 ? dev.outreach.shared.Wording.count(window.toHours(), "hour")
                : dev.outreach.shared.Wording.count(window.toMinutes(), "minute");
    }
}
