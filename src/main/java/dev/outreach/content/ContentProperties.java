package dev.outreach.content;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Message content, under {@code outreach.content}: the name messages are signed with
 * ({@code {{sender_name}}}) and the unsubscribe sentence ({@code {{unsubscribe}}}).
 */
@ConfigurationProperties("outreach.content")
public record ContentProperties(
        @DefaultValue("Outreach Team") String senderName,
        @DefaultValue("Not interested? Reply \"unsubscribe\" or use the unsubscribe link and you will not hear from us again.")
        String unsubscribeText) {
}
