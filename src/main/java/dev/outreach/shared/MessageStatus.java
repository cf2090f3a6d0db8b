package dev.outreach.shared;

/** Status of an outreach message or of one attempt to deliver it. */
public enum MessageStatus {
    /** Written by the sequencer tick, its text still being written (the LLM) outside the tick's batch; not sent until PENDING. */
    DRAFTING,
    PENDING,
    /** Internal: claimed by a dispatcher and handed to a sender; never re-sent automatically. */
    SENDING,
    SENT,
    DELIVERED,
    REPLIED,
    BOUNCED,
    /** Soft failure, eligible for retry. */
    FAILED,
    /** Not sent by rule; the reason is recorded. */
    SKIPPED
}
