package dev.outreach.shared;

/**
 * The name under which our message id travels through an email service provider: a custom
 * argument, variable, metadata field or message tag that the provider echoes in every event
 * about the message. The email channel sets it, the event webhooks read it.
 */
public final class EspMessageTag {

    public static final String NAME = "outreach_message_id";

    private EspMessageTag() {
    }
}
