package dev.outreach.campaign;

import dev.outreach.shared.DeliveryMode;
import java.time.DayOfWeek;
import java.util.Set;

/**
 * Every field of the engine's {@code sales_engine_config} row, as read by
 * {@link EngineSettingsService#settings()}. Hours of the send window are local hours of the
 * lead's time zone: a touch goes out when {@code sendWindowStartHour <= hour < sendWindowEndHour}
 * on one of {@code sendDays}.
 */
public record EngineSettings(
        int maxSequenceSteps,
        int baseFollowupDelayHours,
        int minFollowupDelayHours,
        int mailboxHealthThreshold,
        boolean requireEngagementForFinalStep,
        int maxRecontactCycles,
        int recontactCooldownDays,
        int maxGenerationFailures,
        int sendWindowStartHour,
        int sendWindowEndHour,
        Set<DayOfWeek> sendDays,
        String defaultTimeZone,
        int tickIntervalMinutes,
        DeliveryMode deliveryMode) {

    /** The migration's defaults, used when the row is missing. */
    public static EngineSettings defaults() {
        return new EngineSettings(4, 48, 36, 40, true, 4, 90, 3, 9, 17,
                Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
                "America/New_York", 30, DeliveryMode.SANDBOX);
    }

    /** {@code send_days} as stored: "MON,TUE,WED,THU,FRI"; unknown or blank entries are ignored. */
    public static Set<DayOfWeek> parseDays(String value) {
        var days = java.util.EnumSet.noneOf(DayOfWeek.class);
        if (value != null) {
            for (String part : value.split(",")) {
                String day = part.strip().toUpperCase(java.util.Locale.ROOT);
                for (DayOfWeek candidate : DayOfWeek.values()) {
                    if (!day.isEmpty() && candidate.name().startsWith(day)) {
                        days.add(candidate);
                    }
                }
            }
        }
        return java.util.Collections.unmodifiableSet(days);
    }
}
