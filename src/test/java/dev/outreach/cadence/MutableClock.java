package dev.outreach.cadence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A clock tests set and move; every service gets it injected instead of the system clock.
 * {@link Config} also puts in a fixed {@link TouchContent} (touch 4 of 4 is "final").
 */
public final class MutableClock extends Clock {

    private volatile Instant now;

    public MutableClock(Instant now) {
        this.now = now;
    }

    public void set(Instant instant) {
        now = instant;
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    /** Import it to run a context on a {@link MutableClock} with the content module's real writer. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class ClockOnly {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2025-06-03T15:00:00Z"));
        }
    }

    /** Import it to run a context on a {@link MutableClock} and plain drafts ({@link #testTouchContent}). */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        /** Leaves {@link #testTouchContent} the only primary writer, whatever the content module marks primary. */
        @Bean
        static org.springframework.beans.factory.config.BeanFactoryPostProcessor onlyTestTouchContentIsPrimary() {
            return factory -> {
                for (String name : factory.getBeanNamesForType(TouchContent.class, true, false)) {
                    if (!name.equals("testTouchContent") && factory.containsBeanDefinition(name)) {
                        factory.getBeanDefinition(name).setPrimary(false);
                    }
                }
            };
        }

        /**
         * Plain drafts naming touch and cycle, so that the cadence tests do not depend on the content module's
         * templates. A campaign's touch (its plan names a template) keeps its plan's message type.
         */
        @Bean
        @Primary
        TouchContent testTouchContent() {
            return due -> TouchContent.Draft.of("Touch " + (due.touch() + 1),
                    "Hello, this is touch " + (due.touch() + 1) + (due.cycle() > 0 ? " of re-contact cycle " + due.cycle() : "")
                            + ".",
                    due.emailTemplate() != null && due.messageType() != null ? due.messageType()
                            : due.touch() == 0 ? "initial" : due.touch() == 3 ? "final" : "follow_up");
        }

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2025-06-03T15:00:00Z"));
        }
    }
}
