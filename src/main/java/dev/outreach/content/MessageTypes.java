package dev.outreach.content;

import dev.outreach.shared.ChannelType;
import java.util.Locale;
import java.util.Map;

/**
 * Maps the names callers use for a touch onto the message types of {@code message_template}
 * (the keys of {@code channel_config.templates}): the first touch's "cold_outreach" and the
 * sequence steps' template names ("email-initial", "linkedin-connect") included.
 */
final class MessageTypes {

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("cold_outreach", "initial"),
            Map.entry("email_initial", "initial"),
            Map.entry("email_intro", "initial"),
            Map.entry("form_initial", "initial"),
            Map.entry("contact_form_submit", "initial"),
            Map.entry("email_follow_up", "follow_up"),
            Map.entry("followup", "follow_up"),
            Map.entry("email_final", "final"),
            Map.entry("final_touch", "final"),
            Map.entry("linkedin_connect", "connection_request"),
            Map.entry("linkedin_dm", "direct_message"),
            Map.entry("dm", "direct_message"),
            Map.entry("phone_call", "call"));

    private MessageTypes() {
    }

    static String canonical(ChannelType channel, String messageType) {
        String type = messageType == null ? "" : messageType.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        type = ALIASES.getOrDefault(type, type);
        if (type.isEmpty()) {
            return channel == ChannelType.LINKEDIN ? "connection_request" : channel == ChannelType.PHONE ? "call" : "initial";
        }
        return type;
    }
}
