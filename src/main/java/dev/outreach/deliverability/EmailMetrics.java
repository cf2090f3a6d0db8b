package dev.outreach.deliverability;

/** The six counts of one scope over the rolling 24-hour window. */
public record EmailMetrics(long sent, long delivered, long bounced, long complained, long opened, long clicked) {

    public static final EmailMetrics NONE = new EmailMetrics(0, 0, 0, 0, 0, 0);

    /**
     * "12 sent, 11 delivered, 1 bounced, 0 complaints, 4 opened, 1 clicked": the one wording of
     * these counts, so that every screen showing email over the window says the same.
     */
    public String counts() {
        return sent + " sent, " + delivered + " delivered, " + bounced + " bounced, "
                + dev.outreach.shared.Wording.count(complained, "complaint") + ", " + opened + " opened, " + clicked + " clicked";
    }

    public long count(EmailEventType type) {
        return switch (type) {
            case SENT -> sent;
            case DELIVERED -> delivered;
            case BOUNCED -> bounced;
            case COMPLAINED -> complained;
            case OPENED -> opened;
            case CLICKED -> clicked;
        };
    }

    public double bounceRate() {
        return sent == 0 ? 0 : (double) bounced / sent;
    }

    public double complaintRate() {
        return sent == 0 ? 0 : (double) complained / sent;
    }

    public double openRate() {
        long base = delivered > 0 ? delivered : sent;
        return base == 0 ? 0 : Math.min(1, (double) opened / base);
    }

    public double clickRate() {
        long base = delivered > 0 ? delivered : sent;
        return base == 0 ? 0 : Math.min(1, (double) clicked / base);
    }
}
