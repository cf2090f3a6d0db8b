package dev.outreach.campaign;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When a campaign sends: on {@code sendDays}, from {@code startHour} (inclusive) to {@code endHour}
 * (exclusive), local time of the lead's zone, else {@code timeZone} (the campaign's default). The
 * one definition of a send window: the tick's {@code SendWindow} and the outbox's release on resume
 * use it.
 */
public record CampaignSchedule(Set<DayOfWeek> sendDays, int startHour, int endHour, String timeZone) {

    public CampaignSchedule {
        sendDays = sendDays == null ? Set.of() : Set.copyOf(sendDays);
    }

    /** The engine settings' window and zone: what every campaign followed before campaigns had their own. */
    public static CampaignSchedule of(EngineSettings settings) {
        return new CampaignSchedule(settings.sendDays(), settings.sendWindowStartHour(), settings.sendWindowEndHour(),
                settings.defaultTimeZone());
    }

    /** A window in which nothing can ever go (no day, or the end not after the start). */
    public boolean empty() {
        return sendDays.isEmpty() || startHour < 0 || endHour > 24 || endHour <= startHour;
    }

    public boolean contains(Instant at, ZoneId zone) {
        if (empty()) {
            return false;
        }
        ZonedDateTime local = at.atZone(zone);
        return sendDays.contains(local.getDayOfWeek()) && local.getHour() >= startHour && local.getHour() < endHour;
    }

    /** {@code at} itself when inside the window, else the window's next opening (a day later for an empty window). */
    public Instant nextOpening(Instant at, ZoneId zone) {
        if (empty()) {
            return at.plus(Duration.ofDays(1));
        }
        if (contains(at, zone)) {
            return at;
        }
        ZonedDateTime local = at.atZone(zone);
        for (int day = 0; day <= 7; day++) {
            ZonedDateTime opening = local.toLocalDate().plusDays(day).atTime(LocalTime.of(startHour, 0)).atZone(zone);
            if (sendDays.contains(opening.getDayOfWeek()) && opening.isAfter(local)) {
                return opening.toInstant();
            }
        }
        throw new IllegalStateException("No opening within a week for " + this);
    }

    /** The lead's zone when it is one, else the campaign's, else UTC. */
    public ZoneId zoneFor(String leadZone) {
        return zone(leadZone, timeZone);
    }

    /** The first of the candidates that is a valid zone id, else UTC. */
    public static ZoneId zone(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                try {
                    return ZoneId.of(candidate.strip());
                } catch (DateTimeException e) {
                    // not a zone id: try the next one
                }
            }
        }
        return ZoneId.of("UTC");
    }

    /** {@code send_days} as stored: "MON,TUE,...". */
    String storedDays() {
        return sendDays.stream().sorted().map(d -> d.name().substring(0, 3)).collect(Collectors.joining(","));
    }
}
