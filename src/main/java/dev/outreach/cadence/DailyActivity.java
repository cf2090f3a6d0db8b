package dev.outreach.cadence;

import java.time.LocalDate;

/** One day of a campaign, in the campaign's time zone: touches sent, first human opens, first replies. */
public record DailyActivity(LocalDate day, long sends, long humanOpens, long replies) {
}
