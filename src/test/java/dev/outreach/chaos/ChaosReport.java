package dev.outreach.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A chaos run's outcome: the tally once nothing was due or claimed any more ({@code before}
 * reconciliation, its in-doubt figure being every touch seen in doubt during the run) and again
 * once the engine had had its chance to resolve the doubt ({@code after}).
 *
 * @param reconciliation how the wait for reconciliation ended, in words
 */
record ChaosReport(ChaosSettings settings, List<Kill> kills, ChaosTally before, ChaosTally after,
        String reconciliation, Duration took) {

    /**
     * One SIGKILL: which instance, when (since the touches were released), and how many touches
     * were claimed and not flagged then, by any instance (a dead one's claims included until they are flagged).
     */
    record Kill(int number, String instance, Duration at, int claimed) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "kill %d: instance %s at %.1f s, %d touches claimed (any instance's)", number, instance,
                    at.toMillis() / 1000.0, claimed);
        }
    }

    /** In doubt at most: one message in flight per sender of each killed instance. */
    int inDoubtBound() {
        return kills.size() * settings.senders();
    }

    long killsWithClaims() {
        return kills.stream().filter(kill -> kill.claimed() > 0).count();
    }

    /** The one-line report. */
    String line() {
        ChaosSettings s = settings;
        return String.format(Locale.US, "Chaos: %,d sends (%,d leads x %d touches, %d mailboxes), %d instances x %d senders,"
                + " %d SIGKILLs (%d with touches claimed), mail server answering after %d ms, seed %d:"
                + " %,d of %,d touches reached the server, %d duplicates (same Message-ID %d, same lead and touch %d),"
                + " lost %s; in doubt before reconciliation %d (bound %d kills x %d senders = %d; %d of them had reached"
                + " the server), after reconciliation %d (%s); still due or claimed %d, reached the server but recorded"
                + " unsent %d; %d s",
                s.sends(), s.leads(), s.touchesPerLead(), s.mailboxes(), s.instances(), s.senders(), kills.size(),
                killsWithClaims(), s.smtpDelay().toMillis(), s.seed(), after.reached(), s.sends(), after.duplicates(),
                after.duplicatesByMessageId(), after.duplicatesByLeadAndTouch(), after.lostSummary(), before.inDoubt(),
                kills.size(), s.senders(), inDoubtBound(), before.inDoubtReached(), after.inDoubt(), reconciliation,
                after.unfinished(), after.reachedButUnsent(), took.toSeconds());
    }
}
