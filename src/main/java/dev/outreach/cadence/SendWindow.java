package dev.outreach.cadence;

import dev.outreach.campaign.CampaignSchedule;
import dev.outreach.campaign.EngineSettings;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;

/**
 * The lead's local business hours: a touch goes out on one of the send days, from the start
 * hour (inclusive) to the end hour (exclusive), in the lead's time zone, else the campaign's,
 * else the engine default. A due touch outside the window waits for the next opening. The rule
 * itself is {@link CampaignSchedule}'s.
 */
public record SendWindow(Set<DayOfWeek> days, int startHour, int endHour) {

    public static SendWindow of(EngineSettings settings) {
        return new SendWindow(settings.sendDays(), settings.sendWindowStartHour(), settings.sendWindowEndHour());
    }

    public static SendWindow of(CampaignSchedule schedule) {
        return new SendWindow(schedule.sendDays(), schedule.startHour(), schedule.endHour());
    }

    private CampaignSchedule schedule() {
        return new CampaignSchedule(days, startHour, endHour, null);
    }

    public boolean empty() {
        return schedule().empty();
    }

    public boolean contains(Instant at, ZoneId zone) {
        return schedule().contains(at, zone);
    }

    public Instant nextOpening(Instant at, ZoneId zone) {
        return schedule().nextOpening(at, zone);
    }

    /** The first of the candidates that is a valid zone id (lead's, campaign's, engine default), else UTC. */
    public static ZoneId zone(String... candidates) {
        return CampaignSchedule.zone(candidates);
    }
}
