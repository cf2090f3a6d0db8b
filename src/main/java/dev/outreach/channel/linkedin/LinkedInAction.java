package dev.outreach.channel.linkedin;

import dev.outreach.channel.task.ManualTaskType;
import java.util.Locale;
import java.util.Set;

/** What a LinkedIn touch does: ask to connect (with a short note) or send a direct message. */
enum LinkedInAction {
    CONNECTION_REQUEST("connection request", "/v1/connection-requests", "note", ManualTaskType.CONNECTION_REQUEST),
    DIRECT_MESSAGE("direct message", "/v1/messages", "text", ManualTaskType.DIRECT_MESSAGE);

    private static final Set<String> CONNECT_TYPES = Set.of("connection_request", "linkedin_connect");

    private final String label;
    private final String providerPath;
    private final String textField;
    private final ManualTaskType taskType;

    LinkedInAction(String label, String providerPath, String textField, ManualTaskType taskType) {
        this.label = label;
        this.providerPath = providerPath;
        this.textField = textField;
        this.taskType = taskType;
    }

    /** "connection_request" and "linkedin_connect" ask to connect; any other message type is a direct message. */
    static LinkedInAction forMessageType(String messageType) {
        return messageType != null && CONNECT_TYPES.contains(messageType.strip().toLowerCase(Locale.ROOT))
                ? CONNECTION_REQUEST : DIRECT_MESSAGE;
    }

    String label() {
        return label;
    }

    /** The provider endpoint, relative to its base URL. */
    String providerPath() {
        return providerPath;
    }

    /** The JSON field the provider reads the text from. */
    String textField() {
        return textField;
    }

    ManualTaskType taskType() {
        return taskType;
    }
}
