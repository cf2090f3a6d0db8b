package dev.outreach.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The reply and bounce poller, under {@code outreach.imap}.
 *
 * @param enabled whether this instance polls (every instance may: one mailbox is polled by one
 *                instance at a time, under a ShedLock lock per mailbox, sized and kept alive as
 *                {@code outreach.scheduling.lock-at-most-for} says)
 * @param pollInterval pause between two rounds over every mailbox (and before the first)
 * @param connectTimeout TCP (and TLS) connection to an IMAP server
 * @param readTimeout one IMAP response
 * @param maxMessagesPerPoll messages read from one mailbox per round; the rest wait for the next round
 * @param initialLookback on a mailbox's first poll, or after its UIDVALIDITY changed, mail
 *                        received this far back is read (again); older mail is left alone
 * @param outOfOfficePause how long the inbox's snooze for an automatic answer that names no
 *                         return date pauses the lead's enrollments (one that names a date: until the day after)
 */
@ConfigurationProperties("outreach.imap")
public record ImapProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1m") Duration pollInterval,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("200") int maxMessagesPerPoll,
        @DefaultValue("7d") Duration initialLookback,
        @DefaultValue("3d") Duration outOfOfficePause) {
}
