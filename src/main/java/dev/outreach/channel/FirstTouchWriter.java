package dev.outreach.channel;

import dev.outreach.shared.ChannelType;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The words a channel's first touch carries for a lead, as the content module writes them from
 * the channel's template: what the contact-form preview shows as the message that would go out.
 * The channel module asks; the content module answers, so that channel does not depend on content.
 */
public interface FirstTouchWriter {

    /**
     * The first touch of {@code channel} for the lead with this id, or for a sample lead when none
     * is given; empty when the channel has no template for a first touch.
     */
    Optional<Written> write(ChannelType channel, OptionalLong leadId);

    /** The message and whose values it was written with ("a sample lead (Alexandra Vandenberghe)"). */
    record Written(Delivery.Content content, String writtenFor) {
    }
}
