package dev.outreach.inbox;

/** What a reply means for the sequence and the salesperson. */
public enum IntentLabel {
    INTERESTED,
    MEETING_REQUEST,
    NOT_INTERESTED,
    /** Not now; the intent's date is when to come back, when the reply names one. */
    NOT_NOW,
    /** The intent's date is the return date, when the answer names one. */
    OUT_OF_OFFICE,
    /** The intent's referral name and address, when the reply names someone else. */
    WRONG_PERSON,
    UNSUBSCRIBE_REQUEST,
    /** Any other automatic answer, and what neither rules nor model could tell. */
    AUTO_REPLY_OTHER
}
