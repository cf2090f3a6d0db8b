package dev.outreach.cadence;

/**
 * One funnel of a campaign: enrolled, then contacted (a touch went out), delivered, opened by a
 * person (machine opens never count), clicked, replied, and the two ways out, bounced and
 * unsubscribed. The campaign's funnel counts enrollments (each lead once); per touch and per
 * channel it counts the touches' messages ({@link CampaignStatsQueries} says each stage's rule).
 */
public record Funnel(long enrolled, long contacted, long delivered, long humanOpened, long clicked, long replied,
        long bounced, long unsubscribed) {

    static final Funnel EMPTY = new Funnel(0, 0, 0, 0, 0, 0, 0, 0);

    Funnel plus(Funnel other) {
        return new Funnel(enrolled + other.enrolled, contacted + other.contacted, delivered + other.delivered,
                humanOpened + other.humanOpened, clicked + other.clicked, replied + other.replied, bounced + other.bounced,
                unsubscribed + other.unsubscribed);
    }
}
