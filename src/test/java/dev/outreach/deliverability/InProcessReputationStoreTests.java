package dev.outreach.deliverability;

/** The reputation contract on the embedded mode's in-process store. */
class InProcessReputationStoreTests extends ReputationStoreContract {

    private final InProcessReputationStore store = new InProcessReputationStore();

    @Override
    ReputationStore store() {
        return store;
    }
}
