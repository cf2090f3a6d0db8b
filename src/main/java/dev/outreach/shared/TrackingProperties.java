package dev.outreach.shared;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Our own email tracking, under {@code outreach.tracking}: written into emails by the email
 * channel, read back by the tracking endpoints.
 *
 * @param opens whether emails carry the 1x1 open pixel
 * @param clicks whether links in emails go through the click redirect
 * @param machineWindow an open or click this soon after the send is a machine's (scanners and
 *                      prefetching proxies fetch on arrival; people are not that fast)
 * @param acceptLegacyUnsubscribeLinks whether {@code /u/{message id}} links (sent before the links
 *                                     were signed) still work. Off by default: the message id is
 *                                     in the Message-ID of every reply and bounce, so whoever sees
 *                                     one could unsubscribe the lead; turn it on only while mail
 *                                     sent with such links is still being answered
 */
@ConfigurationProperties("outreach.tracking")
public record TrackingProperties(
        @DefaultValue("true") boolean opens,
        @DefaultValue("true") boolean clicks,
        @DefaultValue("10s") Duration machineWindow,
        @DefaultValue("false") boolean acceptLegacyUnsubscribeLinks) {

    /** The defaults, for code that runs without Spring (tests). */
    public static TrackingProperties defaults() {
        return new TrackingProperties(true, true, Duration.ofSeconds(10), false);
    }
}
