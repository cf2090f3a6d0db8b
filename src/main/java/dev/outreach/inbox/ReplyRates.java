package dev.outreach.inbox;

/**
 * Replies against contacts, for a campaign (its contacted leads), one of its touches or channels
 * (their contacted messages), or all running campaigns. {@code contacted} and {@code replied} are
 * the campaign funnel's ({@code cadence.Funnel}); {@code positive} and {@code meetings} count the
 * same leads or messages whose reply is labelled so ({@link ReplyMetrics} says which labels).
 */
public record ReplyRates(long contacted, long replied, long positive, long meetings) {

    public static final ReplyRates NONE = new ReplyRates(0, 0, 0, 0);

    /** Percent of the contacted ones, one decimal; 0 when none was contacted. */
    public double replyRate() {
        return percent(replied);
    }

    public double positiveRate() {
        return percent(positive);
    }

    public double meetingRate() {
        return percent(meetings);
    }

    ReplyRates plus(ReplyRates other) {
        return new ReplyRates(contacted + other.contacted, replied + other.replied, positive + other.positive,
                meetings + other.meetings);
    }

    private double percent(long part) {
        return contacted == 0 ? 0 : Math.round(1000.0 * part / contacted) / 10.0;
    }
}
