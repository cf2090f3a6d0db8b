package dev.outreach.content;

import dev.outreach.shared.ChannelType;

/** What an admin gives to create a message template; {@code angle} null for the one every angle falls back to. */
public record NewTemplate(String name, ChannelType channel, String messageType, Angle angle, String subject, String body) {
}
