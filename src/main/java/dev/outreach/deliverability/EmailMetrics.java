package dev.outreach.deliverability;

/**
 * The counts of one scope over the rolling 24-hour window: the six the score is made of, and
 * the deferrals shown beside them.
 */
public record EmailMetrics(long sent, long delivered, long bounced, long complained, long opened, long clicked,
        long deferred) {

    public static final EmailMetrics NONE = new EmailMetrics(0, 0, 0, 0, 0, 0, 0);

    /** The six scored counts, no deferrals. */
    public EmailMetrics(long sent, long delivered, long bounced, long complained, long opened, long clicked) {
        this(sent, delivered, bounced, complained, opened, clicked, 0);
    }

    /**
     * "12 sent, 11 delivered, 1 bounced, 0 complaints, 4 opened, 1 clicked" (and ", 3 deferred"
     * when there were deferrals): the one wording of these counts, so that every screen showing
     * email over the window says the same.
     */
    public String counts() {
        return sent + " sent, " + delivered + " delivered, " + bounced + " bounced, "
                + dev.outreach.shared.Wording.count(complained, "complaint") + ", " + opened + " opened, " + clicked + " clicked"
                + (deferred > 0 ? ", " + deferred + " deferred" : "");
    }

    public long count(EmailEventType type) {
        return switch (type) {
            case SENT -> sent;
            case DELIVERED -> delivered;
            case BOUNCED -> bounced;
            case COMPLAINED -> complained;
            case OPENED -> opened;
            case CLICKED -> clicked;
            case DEFERRED -> deferred;
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
