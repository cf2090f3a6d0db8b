package dev.outreach.channel.api;

import dev.outreach.channel.ChannelConfigService;
import dev.outreach.channel.ChannelSettings;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import java.util.ArrayList;
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

    /** The fields an update may change; all are required, so that an omitted one never becomes 0. */
    record ChannelUpdate(Boolean enabled, Integer maxPerHour, Integer maxPerDay, Integer maxPerLead, Integer maxRetries,
            List<Integer> retryBackoffHours, Map<String, String> templates, Map<String, String> settings) {

        List<FieldError> missing() {
            List<FieldError> errors = new ArrayList<>();
            require("enabled", enabled, errors);
            require("maxPerHour", maxPerHour, errors);
            require("maxPerDay", maxPerDay, errors);
            require("maxPerLead", maxPerLead, errors);
            require("maxRetries", maxRetries, errors);
            require("retryBackoffHours", retryBackoffHours, errors);
            require("templates", templates, errors);
            require("settings", settings, errors);
            if (retryBackoffHours != null && retryBackoffHours.contains(null)) {
                errors.add(new FieldError("retryBackoffHours", "Must not contain null"));
            }
            nullValues("templates", templates, errors);
            nullValues("settings", settings, errors);
            return errors;
        }

        private static void nullValues(String field, Map<String, String> map, List<FieldError> errors) {
            if (map != null) {
                map.forEach((name, value) -> {
                    if (value == null) {
                        errors.add(new FieldError(field + "." + name, "Must not be null"));
                    }
                });
            }
        }

        private static void require(String field, Object value, List<FieldError> errors) {
            if (value == null) {
                errors.add(new FieldError(field, "Required"));
            }
        }
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
        List<FieldError> missing = update.missing();
        if (!missing.isEmpty()) {
            throw new InvalidInputException(missing);
        }
        return channels.update(new ChannelSettings(channel, update.enabled(), update.maxPerHour(), update.maxPerDay(),
                update.maxPerLead(), update.maxRetries(), update.retryBackoffHours(), update.templates(),
                update.settings(), null, null));
    }
}
