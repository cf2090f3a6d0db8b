package dev.outreach.cadence;

import java.util.List;
import java.util.Objects;

/**
 * Writes the subject and body of the touches the sequencer tick releases to the outbox. The
 * content module provides the real implementation (templates, angles, the LLM writer); until
 * then {@link PlaceholderTouchContent} stands in.
 *
 * <p>The tick calls {@link #draftAll} inside its batch transaction, which holds up to a batch of
 * enrollments locked, so that call must be quick and must not call out. A writer that does (the
 * LLM) answers {@link Draft#later}: the tick writes that touch as a DRAFTING message, which the
 * dispatcher does not send, and once the batch has committed it calls {@link #draft} for it,
 * outside any transaction, and releases the message as PENDING (or SKIPPED).
 */
public interface TouchContent {

    /**
     * One touch of one enrollment.
     *
     * @param touch 0 for the first touch of a cycle, 1 for the first follow-up, and so on
     * @param cycle the enrollment's {@code re_contact_cycle} (0 before any re-contact)
     * @param messageType the plan's message type ({@code initial}, {@code follow_up}, {@code final} or a
     *        custom one), null when the writer decides
     * @param emailTemplate the message template the plan names for email, null when none
     */
    record DueTouch(long enrollmentId, long leadId, int touch, int cycle, String messageType, String emailTemplate) {

        public DueTouch(long enrollmentId, long leadId, int touch, int cycle) {
            this(enrollmentId, leadId, touch, cycle, null, null);
        }
    }

    /**
     * Writes one touch now; it may take long (the tick calls it outside any transaction).
     *
     * @return the draft, or {@link Draft#skip(String)} to skip this touch with the reason (recorded
     *         on a SKIPPED message; the enrollment moves on to its next touch); never {@link Draft#later}
     */
    Draft draft(DueTouch touch);

    /**
     * The drafts of a batch's touches, in their order, inside the batch transaction: quick, no
     * remote call. {@link Draft#later} for a touch to be written by {@link #draft} after the batch.
     * By default each touch is drafted at once, for writers that are quick anyway.
     */
    default List<Draft> draftAll(List<DueTouch> touches) {
        return touches.stream().map(this::draft).toList();
    }

    /**
     * Subject, body and message type ({@code initial}, {@code follow_up}, {@code final}); or a skip
     * with its reason; or only the message type, when the text is written after the batch.
     */
    record Draft(String subject, String body, String messageType, String skipReason) {

        public static Draft of(String subject, String body, String messageType) {
            return new Draft(subject, Objects.requireNonNull(body, "body"), Objects.requireNonNull(messageType, "messageType"),
                    null);
        }

        public static Draft skip(String reason) {
            return new Draft(null, null, null, Objects.requireNonNull(reason, "reason"));
        }

        /** The text is written after the batch ({@link TouchContent#draft}); the message waits as DRAFTING until then. */
        public static Draft later(String messageType) {
            return new Draft(null, null, Objects.requireNonNull(messageType, "messageType"), null);
        }

        public boolean skipped() {
            return skipReason != null;
        }

        public boolean writtenLater() {
            return body == null && skipReason == null;
        }
    }
}
