package dev.outreach.deliverability;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.OptionalInt;

/**
 * A mailbox's warm-up ramp: it may send {@code startVolume} messages on the day the warm-up
 * started and {@code dailyIncrease} more on each later day, until it reaches its daily cap (the
 * warm-up target). A mailbox without a start date is warmed up: its cap is the target.
 *
 * @param targetCap the mailbox's daily cap once warmed up
 * @param startedOn the first day of the warm-up; null when there is none (warmed up)
 */
public record Warmup(int targetCap, int startVolume, int dailyIncrease, LocalDate startedOn) {

    /** How many messages a mailbox may send on a day: {@code min(target, start + increase x days since start)}. */
    public static int capOn(int targetCap, int startVolume, int dailyIncrease, LocalDate startedOn, LocalDate day) {
        if (startedOn == null) {
            return Math.max(0, targetCap);
        }
        long days = Math.max(0, ChronoUnit.DAYS.between(startedOn, day));
        long ramped = (long) startVolume + (long) dailyIncrease * days; // long: years of ramp never overflow
        return (int) Math.max(0, Math.min(targetCap, ramped));
    }

    /** {@link #capOn(int, int, int, LocalDate, LocalDate)} for this mailbox. */
    public int capOn(LocalDate day) {
        return capOn(targetCap, startVolume, dailyIncrease, startedOn, day);
    }

    /** The warm-up day (1 on the start date) while the ramp is still below the target; empty once warmed up. */
    public OptionalInt dayOn(LocalDate day) {
        if (startedOn == null || day.isBefore(startedOn) || capOn(day) >= targetCap) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) ChronoUnit.DAYS.between(startedOn, day) + 1);
    }
}
