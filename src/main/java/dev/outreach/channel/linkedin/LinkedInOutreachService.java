package dev.outreach.channel.linkedin;

import dev.outreach.channel.ChannelConfigService;
import dev.outreach.channel.ChannelSender;
import dev.outreach.channel.Delivery;
import dev.outreach.channel.DeliveryResult;
import dev.outreach.channel.linkedin.LinkedInSettings.Gateway;
import dev.outreach.channel.ratelimit.RateLimiter;
import dev.outreach.channel.task.ManualTaskService;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.DeliveryMode;
import dev.outreach.shared.InvalidInputException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * LinkedInOutreachService: a connection request (message type
 * {@code connection_request} or {@code linkedin_connect}, note at most 300 characters) or a
 * direct message (any other type). The LINKEDIN channel's {@code gateway} setting picks who
 * sends it: an operator through a manual task (MANUAL, the default), or a provider's HTTP API.
 * Connection requests count against a weekly cap per LinkedIn account. In SANDBOX mode nothing
 * is sent and no task is queued: the result records what would have been sent.
 */
@Service
public class LinkedInOutreachService implements ChannelSender {

    private final Supplier<Map<String, String>> settings;
    private final ManualTaskService tasks;
    private final InvitationCap invitationCap;
    private final LinkedInProviderClient provider;

    @Autowired
    LinkedInOutreachService(ChannelConfigService channels, ManualTaskService tasks, RateLimiter limiter,
            LinkedInProperties properties, JsonMapper json, Clock clock) {
        this(() -> channels.senderSettings(ChannelType.LINKEDIN), tasks, limiter, properties, json, clock);
    }

    /** With the channel settings from elsewhere, for tests that run without Spring. */
    LinkedInOutreachService(Supplier<Map<String, String>> settings, ManualTaskService tasks, RateLimiter limiter,
            LinkedInProperties properties, JsonMapper json, Clock clock) {
        this.settings = settings;
        this.tasks = tasks;
        this.invitationCap = new InvitationCap(limiter, clock);
        this.provider = new LinkedInProviderClient(properties, json, clock);
    }

    @Override
    public ChannelType channel() {
        return ChannelType.LINKEDIN;
    }

    /** Reads the channel settings once per batch. */
    @Override
    public SenderSession openSession() {
        Map<String, String> batchSettings = settings.get();
        return new SenderSession() {
            @Override
            public DeliveryResult deliver(Delivery delivery) {
                return LinkedInOutreachService.this.deliver(delivery, batchSettings);
            }

            @Override
            public void close() {
                // nothing held open: the HTTP client pools its own connections
            }
        };
    }

    private DeliveryResult deliver(Delivery delivery, Map<String, String> channelSettings) {
        Optional<LinkedInProfile> found = LinkedInProfile.of(delivery.recipient());
        if (found.isEmpty()) {
            return DeliveryResult.skipped("lead has no LinkedIn profile");
        }
        LinkedInProfile profile = found.get();
        LinkedInAction action = LinkedInAction.forMessageType(delivery.messageType());
        String body = delivery.content() == null || delivery.content().textBody() == null ? ""
                : delivery.content().textBody().strip();
        String text = body;
        String shortened = "";
        if (action == LinkedInAction.CONNECTION_REQUEST) {
            InvitationNote note = InvitationNote.of(body);
            text = note.text();
            shortened = note.describe();
        } else if (body.isEmpty()) {
            return DeliveryResult.hardFailure("the direct message has no text");
        }
        String what = action.label() + " to " + profile.profileUrl() + shortened;
        if (delivery.mode() == DeliveryMode.SANDBOX) {
            return DeliveryResult.sent("sandbox:" + UUID.randomUUID(), "SANDBOX: would send " + what + ": " + text);
        }
        LinkedInSettings linkedIn;
        try {
            linkedIn = LinkedInSettings.from(channelSettings);
        } catch (InvalidInputException e) {
            return DeliveryResult.hardFailure("LinkedIn channel settings: " + e.getMessage());
        }
        if (action == LinkedInAction.CONNECTION_REQUEST) {
            Optional<Duration> nextWeek = invitationCap.take(linkedIn.account(), linkedIn.weeklyInvitationCap());
            if (nextWeek.isPresent()) {
                // our own limit, not the channel failing: wait for next week rather than fall back
                return DeliveryResult.deferred("weekly invitation cap of " + linkedIn.weeklyInvitationCap()
                        + " reached for account " + linkedIn.account(), nextWeek.get());
            }
        }
        if (linkedIn.gateway() == Gateway.HTTP) {
            return provider.send(linkedIn, action, profile.providerReference(), text, delivery.messageId(),
                    what + " via the provider (account " + linkedIn.account() + "): " + text);
        }
        return queueTask(delivery, action, profile, text, what);
    }

    private DeliveryResult queueTask(Delivery delivery, LinkedInAction action, LinkedInProfile profile, String text,
            String what) {
        try {
            long taskId = tasks.create(delivery.messageId(), delivery.recipient().leadId(), ChannelType.LINKEDIN,
                    action.taskType(), text, profile.profileUrl());
            return DeliveryResult.awaitingOperator("task:" + taskId, "task " + taskId + " for an operator: " + what
                    + ": " + text);
        } catch (InvalidInputException e) {
            return DeliveryResult.hardFailure("cannot queue the LinkedIn task: " + e.getMessage());
        }
    }
}
