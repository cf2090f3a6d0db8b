package dev.outreach.cadence;

import java.util.Objects;

/**
 * Writes the subject and body of one touch when the sequencer tick releases it to the outbox.
 * The content module provides the real implementation (templates, angles, the LLM writer);
 * until then {@link PlaceholderTouchContent} stands in. Called once per due touch, inside the
 * tick's batch transaction, so it must be quick and must not send anything.
 */
public interface TouchContent {

    /**
     * The touch for a lead.
     *
     * @param leadId the lead
     * @param touch  0 for the first touch of a cycle, 1 for the first follow-up, and so on
     * @param cycle  the enrollment's {@code re_contact_cycle} (0 before any re-contact)
     * @return the draft, or {@link Draft#skip(String)} to skip this touch with the reason (recorded
     *         on a SKIPPED message; the enrollment moves on to its next touch)
     */
    Draft draft(long leadId, int touch, int cycle);

    /** Subject, body and message type ({@code initial}, {@code follow_up}, {@code final}), or a skip with its reason. */
    record Draft(String subject, String body, String messageType, String skipReason) {

        public static Draft of(String subject, String body, String messageType) {
            return new Draft(subject, Objects.requireNonNull(body, "body"), Objects.requireNonNull(messageType, "messageType"),
                    null);
        }

        public static Draft skip(String reason) {
            return new Draft(null, null, null, Objects.requireNonNull(reason, "reason"));
        }

        public boolean skipped() {
            return skipReason != null;
        }
    }
}
