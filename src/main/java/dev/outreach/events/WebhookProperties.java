package dev.outreach.events;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Event webhook keys, under {@code outreach.webhooks}. A provider whose key is not set refuses
 * every request (503): an unsigned event is never accepted.
 *
 * @param sendgrid SendGrid's signed Event Webhook: {@code public-key}, the base64 verification key it shows
 * @param generic  our documented format: {@code secret}, the HMAC-SHA256 key shared with the sender
 * @param mailgun  Mailgun: {@code signing-key}, the HTTP webhook signing key of the account
 * @param postmark Postmark: {@code username} and {@code password} of the basic auth in the webhook URL, and/or
 *                 {@code token}, the value of a custom header {@code X-Outreach-Webhook-Token}
 * @param ses      Amazon SES through SNS: {@code topic-arns}, the SNS topics whose messages are accepted
 */
@ConfigurationProperties("outreach.webhooks")
record WebhookProperties(@DefaultValue SendGrid sendgrid, @DefaultValue Generic generic, @DefaultValue Mailgun mailgun,
        @DefaultValue Postmark postmark, @DefaultValue Ses ses) {

    record SendGrid(String publicKey) {
    }

    record Generic(String secret) {
    }

    record Mailgun(String signingKey) {
    }

    record Postmark(String username, String password, String token) {
    }

    record Ses(@DefaultValue List<String> topicArns) {
    }
}
