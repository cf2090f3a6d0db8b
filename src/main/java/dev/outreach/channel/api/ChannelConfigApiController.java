package dev.outreach.channel.api;

import dev.outreach.channel.ChannelConfigService;
import dev.outreach.channel.ChannelSettings;
import dev.outreach.shared.ChannelType;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** get_channel_config and update_channel_config over REST; updates need an ADMIN key (checked by the service). */
@RestController
@RequestMapping("/api/v1/channels")
class ChannelConfigApiController {

    private final ChannelConfigService channels;

    ChannelConfigApiController(ChannelConfigService channels) {
        this.channels = channels;
    }

    /** The fields an update may change. */
    record ChannelUpdate(boolean enabled, int maxPerHour, int maxPerDay, int maxPerLead, int maxRetries,
            List<Integer> retryBackoffHours, Map<String, String> templates, Map<String, String> settings) {
    }

    @GetMapping
    List<ChannelSettings> all() {
        return channels.findAll();
    }

    @GetMapping("/{channel}")
    ChannelSettings get(@PathVariable ChannelType channel) {
        return channels.get(channel);
    }

    @PutMapping("/{channel}")
    ChannelSettings update(@PathVariable ChannelType channel, @RequestBody ChannelUpdate update) {
        return channels.update(new ChannelSettings(channel, update.enabled(), update.maxPerHour(), update.maxPerDay(),
                update.maxPerLead(), update.maxRetries(), update.retryBackoffHours(), update.templates(),
                update.settings(), null, null));
    }
}
