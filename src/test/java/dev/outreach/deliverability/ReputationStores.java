package dev.outreach.deliverability;

/** For tests in other packages that share a Spring context: forget the embedded store's counts. */
public final class ReputationStores {

    private ReputationStores() {
    }

    public static void clear(ReputationStore store) {
        if (store instanceof InProcessReputationStore inProcess) {
            inProcess.clear();
        }
    }
}
