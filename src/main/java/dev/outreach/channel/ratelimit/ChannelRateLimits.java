package dev.outreach.channel.ratelimit;

import dev.outreach.channel.ChannelSettings;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.Wording;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * RateLimiter for channels: per channel per hour and per day, per lead per
 * channel, and per mailbox per day, taken together or not at all. Windows are UTC calendar
 * hours and days; the per-lead window is {@code outreach.rate-limits.per-lead-window}.
 */
@Service
public class ChannelRateLimits {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMddHH").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final RateLimiter limiter;
    private final Clock clock;
    private final Duration perLeadWindow;

    ChannelRateLimits(RateLimiter limiter, Clock clock,
            @Value("${outreach.rate-limits.per-lead-window:30d}") Duration perLeadWindow) {
        this.limiter = limiter;
        this.clock = clock;
        this.perLeadWindow = perLeadWindow;
    }

    /** Takes one send from every limit that applies, or none; a denial says which limit and until when. */
    public RateDecision tryAcquire(ChannelSettings channel, long leadId, Long mailboxId, Integer mailboxDailyCap) {
        return tryAcquire(channel, leadId, mailboxId, mailboxDailyCap, null, null);
    }

    /** {@link #tryAcquire(ChannelSettings, long, Long, Integer)} with the sending domain's daily cap as well. */
    public RateDecision tryAcquire(ChannelSettings channel, long leadId, Long mailboxId, Integer mailboxDailyCap,
            Long domainId, Integer domainDailyCap) {
        return acquire(channel, leadId, mailboxId, mailboxDailyCap, domainId, domainDailyCap);
    }

    /**
     * For a person's answer to the lead's own mail (a reply from the console): the channel's hour
     * and day and the sender's daily caps, but not the per-lead cap, which spaces out the touches
     * we start, not a conversation the lead started (with the default of 3 per 30 days, a reply to
     * a lead who had three touches would wait a month).
     */
    public RateDecision tryAcquireAnswer(ChannelSettings channel, long mailboxId, int mailboxDailyCap, long domainId,
            int domainDailyCap) {
        return acquire(channel, null, mailboxId, mailboxDailyCap, domainId, domainDailyCap);
    }

    private RateDecision acquire(ChannelSettings channel, Long leadId, Long mailboxId, Integer mailboxDailyCap,
            Long domainId, Integer domainDailyCap) {
        Instant now = clock.instant();
        ChannelType type = channel.channel();
        Instant hourEnd = now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        Instant dayEnd = now.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        long leadWindow = now.getEpochSecond() / perLeadWindow.toSeconds();
        Instant leadWindowEnd = Instant.ofEpochSecond((leadWindow + 1) * perLeadWindow.toSeconds());

        List<RateLimit> limits = new ArrayList<>(4);
        limits.add(new RateLimit("rate:" + type + ":hour:" + HOUR.format(now), channel.maxPerHour(), hourEnd,
                "at most " + channel.maxPerHour() + " per hour"));
        limits.add(new RateLimit("rate:" + type + ":day:" + DAY.format(now), channel.maxPerDay(), dayEnd,
                "at most " + channel.maxPerDay() + " per day (UTC)"));
        if (leadId != null) {
            limits.add(new RateLimit("rate:" + type + ":lead:" + leadId + ":" + leadWindow, channel.maxPerLead(),
                    leadWindowEnd, "at most " + channel.maxPerLead() + " to the same lead every " + spoken(perLeadWindow)));
        }
        if (mailboxId != null && mailboxDailyCap != null) {
            limits.add(new RateLimit("rate:mailbox:" + mailboxId + ":day:" + DAY.format(now), mailboxDailyCap, dayEnd,
                    "at most " + mailboxDailyCap + " per day from this mailbox"));
        }
        if (domainId != null && domainDailyCap != null) {
            limits.add(new RateLimit("rate:domain:" + domainId + ":day:" + DAY.format(now), domainDailyCap, dayEnd,
                    "at most " + domainDailyCap + " per day from this sending domain"));
        }
        return limiter.tryAcquire(limits);
    }

    /** "30 days", "12 hours": the per-lead window as its owner set it. */
    private static String spoken(Duration window) {
        return window.toHoursPart() == 0 && window.toMinutesPart() == 0 && window.toDays() > 0
                ? Wording.count(window.toDays(), "day")
                : Wording.count(Math.max(1, window.toHours()), "hour");
    }

    /** Sends a channel has taken from its hourly and daily limits in the current windows. */
    public record ChannelUsage(int thisHour, int today) {
    }

    public ChannelUsage channelUsage(ChannelType channel) {
        Instant now = clock.instant();
        List<Integer> counts = limiter.current(List.of("rate:" + channel + ":hour:" + HOUR.format(now),
                "rate:" + channel + ":day:" + DAY.format(now)));
        return new ChannelUsage(counts.get(0), counts.get(1));
    }

    /** Sends each mailbox has taken from its daily cap today (UTC), by mailbox id. */
    public java.util.Map<Long, Integer> mailboxSendsToday(List<Long> mailboxIds) {
        String day = DAY.format(clock.instant());
        List<Integer> counts = limiter.current(mailboxIds.stream().map(id -> "rate:mailbox:" + id + ":day:" + day).toList());
        java.util.Map<Long, Integer> byMailbox = new java.util.HashMap<>();
        for (int i = 0; i < mailboxIds.size(); i++) {
            byMailbox.put(mailboxIds.get(i), counts.get(i));
        }
        return byMailbox;
    }

    /** Whether a denial was a mailbox's or a sending domain's daily cap, which another mailbox may not have reached. */
    public static boolean isSenderCap(RateLimit limit) {
        return limit.key().startsWith("rate:mailbox:") || limit.key().startsWith("rate:domain:");
    }

    /** Gives back what an allowed decision took, for a send that failed, bounced or did not happen. */
    public void release(RateDecision decision) {
        limiter.release(decision.taken());
    }
}
