package dev.outreach.campaign;

import dev.outreach.shared.ChannelType;
import java.util.Map;

/**
 * One touch of a campaign's plan.
 *
 * @param order 1-based position in the plan
 * @param messageType INITIAL, FOLLOW_UP, FINAL or a custom name
 * @param sequenceId the channel-fallback sequence the touch follows
 * @param templates the message template (a name) per channel of the sequence
 * @param delayHours hours after the previous touch (0 for the first); the base of the adaptive
 *        tiers, floored, when the touch starts with email
 * @param engagementGate the touch waits for a human open or a click of an earlier one
 */
public record CampaignTouch(int order, String messageType, long sequenceId, Map<ChannelType, String> templates,
        int delayHours, boolean engagementGate) {

    public CampaignTouch {
        templates = templates == null ? Map.of() : Map.copyOf(templates);
    }

    /** The message type as the content module and the outbox name it: {@code initial}, {@code follow_up}, ... */
    public String contentType() {
        return messageType == null ? null : messageType.strip().toLowerCase(java.util.Locale.ROOT).replace('-', '_');
    }
}
