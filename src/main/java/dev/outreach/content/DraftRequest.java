package dev.outreach.content;

import dev.outreach.lead.LeadDetails;
import dev.outreach.shared.ChannelType;

/**
 * One touch to write. {@code enrollmentId} may be null (a message outside any campaign): then no
 * angle is remembered and no generation failure counted.
 *
 * @param touch the touch number within the cycle, 1 for the first
 * @param cycle the enrollment's {@code re_contact_cycle}, 0 for the first contact
 */
public record DraftRequest(Long enrollmentId, LeadDetails lead, ChannelType channel, String messageType, int touch, int cycle) {
}
