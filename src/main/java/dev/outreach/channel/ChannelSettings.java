package dev.outreach.channel;

import dev.outreach.shared.ChannelType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A channel's configuration as outreach-channels.md shows it: limits, retries with one backoff
 * per retry, templates per message type and free-form settings (such as {@code from_name}).
 */
public record ChannelSettings(
        ChannelType channel,
        boolean enabled,
        int maxPerHour,
        int maxPerDay,
        int maxPerLead,
        int maxRetries,
        List<Integer> retryBackoffHours,
        Map<String, String> templates,
        Map<String, String> settings,
        Instant updatedAt,
        String updatedBy) {

    public ChannelSettings {
        retryBackoffHours = retryBackoffHours == null ? List.of() : List.copyOf(retryBackoffHours);
        templates = templates == null ? Map.of() : Map.copyOf(templates);
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

}
