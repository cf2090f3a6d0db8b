package dev.outreach.outreach;

import dev.outreach.shared.ChannelType;
import dev.outreach.shared.MessageStatus;

/** The outreach history view's filter; null parts match everything. */
public record MessageFilter(MessageStatus status, ChannelType channel, boolean needsReview, Long leadId) {

    public static MessageFilter all() {
        return new MessageFilter(null, null, false, null);
    }
}
