package dev.outreach.inbox;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * How far people keep the machine's labels: of the replies a person relabelled (setting the same
 * label again confirms it), the share whose label in force is still the machine's.
 *
 * @param labelled replies with a label
 * @param bySource the same figures for the rules' labels and the model's
 */
public record Agreement(long labelled, Reviewed overall, Map<IntentSource, Reviewed> bySource) {

    /** {@code reviewed} replies a person relabelled, {@code kept} of them still with the machine's label. */
    public record Reviewed(long reviewed, long kept) {

        /** Empty when no person has reviewed one yet. */
        public OptionalDouble share() {
            return reviewed == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) kept / reviewed);
        }
    }
}
