package dev.outreach.cadence;

import dev.outreach.shared.ChannelType;
import java.util.Map;

/**
 * How one campaign is doing: its funnel, the same per touch (1 is the first touch) and per channel
 * (the channel a message went out on, else the one it was to start on), and why its enrollments
 * and messages are not moving (reason in words, count; largest first).
 */
public record CampaignOverview(Funnel total, Map<Integer, Funnel> byTouch, Map<ChannelType, Funnel> byChannel,
        Map<String, Long> waitingReasons) {
}
