package dev.outreach.content;

import dev.outreach.shared.ChannelType;
import java.time.Instant;
import java.util.Optional;

/** One row of {@code message_template}; {@code angle} empty for the template every angle falls back to. */
public record MessageTemplate(
        long id,
        String name,
        ChannelType channel,
        String messageType,
        Optional<Angle> angle,
        String subject,
        String body,
        Instant updatedAt,
        String updatedBy) {

    /** "Email · follow_up · Case study" for grids and pickers. */
    public String label() {
        return channel.label() + " · " + messageType + angle.map(a -> " · " + a.label()).orElse("");
    }
}
