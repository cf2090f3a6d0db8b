package dev.outreach.cadence;

import dev.outreach.shared.Wording;

/**
 * What adding leads to a campaign did: new enrollments, leads already in the campaign, leads
 * skipped because they are running in another campaign (the campaign's policy), and leads that
 * cannot be reached (no email address, unsubscribed, bounced, replied, disqualified, suppressed,
 * or no such lead).
 */
public record EnrollResult(int added, int alreadyIn, int skippedActiveElsewhere, int skippedUnreachable) {

    public static final EnrollResult NONE = new EnrollResult(0, 0, 0, 0);

    public EnrollResult plus(EnrollResult other) {
        return new EnrollResult(added + other.added, alreadyIn + other.alreadyIn,
                skippedActiveElsewhere + other.skippedActiveElsewhere, skippedUnreachable + other.skippedUnreachable);
    }

    /** Every lead this result accounts for. */
    public int total() {
        return added + alreadyIn + skippedActiveElsewhere + skippedUnreachable;
    }

    /** "120 leads added, 3 already in the campaign, 5 active in another campaign, 2 unreachable". */
    public String summary() {
        String text = Wording.count(added, "lead") + " added";
        if (alreadyIn > 0) {
            text += ", " + alreadyIn + " already in the campaign";
        }
        if (skippedActiveElsewhere > 0) {
            text += ", " + skippedActiveElsewhere + " skipped (active in another campaign)";
        }
        if (skippedUnreachable > 0) {
            text += ", " + skippedUnreachable + " skipped (unsubscribed, bounced, suppressed or no email address)";
        }
        return text;
    }
}
