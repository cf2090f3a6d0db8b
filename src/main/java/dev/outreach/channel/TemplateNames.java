package dev.outreach.channel;

import dev.outreach.shared.ChannelType;

/**
 * The message templates that exist, as the content module knows them: a channel's configuration
 * may name only templates of that channel ({@code channel_config.templates}). The channel module
 * asks; the content module answers, so that channel does not depend on content.
 */
public interface TemplateNames {

    boolean exists(ChannelType channel, String name);

    /** The names of the channel's templates, sorted: what a configuration may pick from. */
    java.util.List<String> names(ChannelType channel);
}
