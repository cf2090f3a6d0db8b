package dev.outreach.outreach;

import dev.outreach.shared.ChannelType;
import java.util.Map;

/**
 * Channel metrics: per channel, the share of messages tried on it
 * that reached the lead on it (delivery rate), the share of those that got a reply, and the
 * share of tries that bounced; across channels, the share of delivered messages that needed a
 * fallback and how deliveries split over channels. Rates are percentages, 0 when nothing was tried.
 */
public record ChannelMetrics(Long campaignId, int days, Map<ChannelType, ChannelRates> channels,
        double fallbackRate, Map<ChannelType, Double> channelDistribution, long delivered) {

    /** {@code unconfirmed}: of {@code delivered}, those the other side never confirmed (contact forms). */
    public record ChannelRates(long attempted, long delivered, long replied, long bounced,
            double deliveryRate, double replyRate, double bounceRate, long unconfirmed) {
    }
}
