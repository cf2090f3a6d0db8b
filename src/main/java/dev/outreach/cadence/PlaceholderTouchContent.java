package dev.outreach.cadence;

import dev.outreach.campaign.EngineSettingsService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Stand-in {@link TouchContent} until the content module provides one: the same plain text for
 * every lead, naming the touch and the cycle. The message type follows the email templates'
 * keys: {@code initial} for the first touch, {@code final} for the last, {@code follow_up} between.
 */
final class PlaceholderTouchContent implements TouchContent {

    private final EngineSettingsService settings;
    private final Clock clock;
    private volatile int maxSteps;
    private volatile Instant readAt = Instant.MIN;

    PlaceholderTouchContent(EngineSettingsService settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Draft draft(DueTouch due) {
        int touch = due.touch();
        int cycle = due.cycle();
        String type = due.messageType() != null ? due.messageType()
                : touch == 0 ? "initial" : touch >= maxSteps() - 1 ? "final" : "follow_up";
        String subject = touch == 0 ? "A quick question" : "Following up";
        String body = "Hello,\n\nThis is touch " + (touch + 1) + (cycle > 0 ? " of re-contact cycle " + cycle : "")
                + " from our outreach. (Placeholder text: the content module writes the real message.)\n";
        return Draft.of(subject, body, type);
    }

    /** Re-read at most once a minute: this runs once per due touch. */
    private int maxSteps() {
        Instant now = clock.instant();
        if (readAt.plus(Duration.ofMinutes(1)).isBefore(now) || readAt.isAfter(now)) {
            maxSteps = settings.settings().maxSequenceSteps();
            readAt = now;
        }
        return maxSteps;
    }

    @Configuration(proxyBeanMethods = false)
    static class PlaceholderTouchContentConfiguration {

        @Bean
        @ConditionalOnMissingBean(TouchContent.class)
        TouchContent placeholderTouchContent(EngineSettingsService settings, Clock clock) {
            return new PlaceholderTouchContent(settings, clock);
        }
    }
}
