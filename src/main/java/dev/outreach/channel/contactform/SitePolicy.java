package dev.outreach.channel.contactform;

import java.time.Instant;
import java.util.Optional;

/**
 * The good-citizen rules the service applies to every site: the opt-out list, and at most one
 * submission per site per period. {@link #NONE} applies neither (tests of how forms are read).
 */
interface SitePolicy {

    /**
     * A claim on a site before posting to it. {@code refusal} is null when granted;
     * {@code previous} is what to restore when the claim is given back.
     */
    record Claim(String domain, String refusal, Instant claimedAt, Object previous) {

        static final Claim NOT_NEEDED = new Claim(null, null, null, null);

        boolean granted() {
            return refusal == null;
        }
    }

    /** Why the site of {@code url} must not be contacted, if it opted out. */
    Optional<String> optedOut(String url);

    /** Claims the site of {@code pageUrl} for one submission now, or says since when it is taken. */
    Claim claim(String pageUrl, Long leadId);

    /** Gives a claim back: nothing reached the site, so it does not count. */
    void release(Claim claim);

    SitePolicy NONE = new SitePolicy() {
        @Override
        public Optional<String> optedOut(String url) {
            return Optional.empty();
        }

        @Override
        public Claim claim(String pageUrl, Long leadId) {
            return Claim.NOT_NEEDED;
        }

        @Override
        public void release(Claim claim) {
        }
    };
}
