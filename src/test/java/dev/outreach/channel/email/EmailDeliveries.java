package dev.outreach.channel.email;

import dev.outreach.channel.Delivery;
import dev.outreach.channel.Delivery.Content;
import dev.outreach.channel.Delivery.Recipient;
import dev.outreach.channel.Delivery.SendingMailbox;
import dev.outreach.channel.Delivery.SmtpEndpoint;
import dev.outreach.shared.DeliveryMode;
import dev.outreach.shared.LinkTokens;
import dev.outreach.shared.TrackingProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;

/** Deliveries, mailboxes and a service for the email tests, without Spring. */
final class EmailDeliveries {

    static final Instant NOW = Instant.parse("2026-03-02T09:15:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String PUBLIC_BASE_URL = "https://outreach.example";

    private EmailDeliveries() {
    }

    /** Signs like the app does, with a fixed key, so that tests can read the tokens in links. */
    static final LinkTokens TOKENS = new LinkTokens(new SecretKeySpec(new byte[32], "HmacSHA256"));

    static EmailOutreachService service(SandboxMailServer sandbox) {
        EmailProperties properties = new EmailProperties(Duration.ofSeconds(2), Duration.ofSeconds(2));
        return new EmailOutreachService(properties, links(TrackingProperties.defaults()), sandbox, CLOCK);
    }

    static MessageLinks links(TrackingProperties tracking) {
        return new MessageLinks(PUBLIC_BASE_URL, TOKENS, tracking);
    }

    /** A sandbox that is not running, for tests that only send LIVE. */
    static SandboxMailServer stoppedSandbox() {
        return new SandboxMailServer(new SandboxMailProperties(false, 0, 10), CLOCK);
    }

    static SendingMailbox mailbox(String host, int port) {
        return mailbox(host, port, "NONE", null, null);
    }

    static SendingMailbox mailbox(String host, int port, String security, String username, String password) {
        return new SendingMailbox(7, "sam@acme.test", "Sam Sender",
                new SmtpEndpoint(host, port, security, username, password));
    }

    static Recipient jane() {
        return new Recipient(42, "Jane", "Doe", "Doe Plumbing", "jane@doe-plumbing.test", null, null, null,
                "https://doe-plumbing.test", null);
    }

    static Content content() {
        return new Content("Quick question, Jane – 5 minutes?", "Hi Jane,\nwe help plumbers fill their calendar.\nSam",
                "<p>Hi Jane,</p><p>we help plumbers fill their calendar.</p><p>Sam</p>");
    }

    static Delivery delivery(SendingMailbox mailbox, DeliveryMode mode) {
        return new Delivery(UUID.randomUUID(), "INITIAL", 1, jane(), content(), mailbox, mode);
    }

    static Delivery delivery(SendingMailbox mailbox, Recipient recipient, Content content) {
        return new Delivery(UUID.randomUUID(), "INITIAL", 1, recipient, content, mailbox, DeliveryMode.LIVE);
    }
}
