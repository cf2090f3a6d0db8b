package dev.outreach.channel;

import dev.outreach.shared.ChannelType;
import dev.outreach.shared.FieldError;
import java.util.List;
import java.util.Map;

/**
 * A channel's own check of its free-form settings, run by {@link ChannelConfigService} before
 * an update is saved, so that an admin learns of a bad value when saving, not at the next send.
 */
public interface ChannelSettingsRule {

    ChannelType channel();

    /** The settings map's problems, each naming its field as {@code settings.<name>}; empty when fine. */
    List<FieldError> check(Map<String, String> settings);
}
