package dev.outreach.events;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Event webhook keys, under {@code outreach.webhooks}. A provider whose key is not set refuses
 * every request (503): an unsigned event is never accepted.
 *
 * @param sendgrid SendGrid's signed Event Webhook: {@code public-key}, the base64 verification key it shows
 * @param generic  our documented format: {@code secret}, the HMAC-SHA256 key shared with the sender
 */
@ConfigurationProperties("outreach.webhooks")
record WebhookProperties(@DefaultValue SendGrid sendgrid, @DefaultValue Generic generic) {

    record SendGrid(String publicKey) {
    }

    record Generic(String secret) {
    }
}
