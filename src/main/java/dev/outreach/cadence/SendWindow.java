package dev.outreach.cadence;

import dev.outreach.campaign.EngineSettings;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * The lead's local business hours: a touch goes out on one of the send days, from the start
 * hour (inclusive) to the end hour (exclusive), in the lead's time zone, else the campaign's,
 * else the engine default. A due touch outside the window waits for the next opening.
 */
public record SendWindow(Set<DayOfWeek> days, int startHour, int endHour) {

    public static SendWindow of(EngineSettings settings) {
        return new SendWindow(settings.sendDays(), settings.sendWindowStartHour(), settings.sendWindowEndHour());
    }

    /** A window in which nothing can ever go (no day, or the end not after the start). */
    public boolean empty() {
        return days.isEmpty() || startHour < 0 || endHour > 24 || endHour <= startHour;
    }

    public boolean contains(Instant at, ZoneId zone) {
        if (empty()) {
            return false;
        }
        ZonedDateTime local = at.atZone(zone);
        return days.contains(local.getDayOfWeek()) && local.getHour() >= startHour && local.getHour() < endHour;
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
            if (days.contains(opening.getDayOfWeek()) && opening.isAfter(local)) {
                return opening.toInstant();
            }
        }
        throw new IllegalStateException("No opening within a week for " + this);
    }

    /** The first of the candidates that is a valid zone id (lead's, campaign's, engine default), else UTC. */
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
}
