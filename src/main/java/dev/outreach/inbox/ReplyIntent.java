package dev.outreach.inbox;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A reply's label and what goes with it.
 *
 * @param date NOT_NOW: when to come back; OUT_OF_OFFICE: the return date; empty when the reply names none
 * @param referralName WRONG_PERSON: whom the reply sends us to
 * @param referralEmail WRONG_PERSON: their address
 * @param confidence 0 to 1
 * @param reason one line saying why
 */
public record ReplyIntent(IntentLabel label, Optional<LocalDate> date, Optional<String> referralName,
        Optional<String> referralEmail, double confidence, String reason, IntentSource source) {

    /** Below this a label is a guess: what neither rules nor model could tell is left at it. */
    public static final double LOW_CONFIDENCE = 0.2;

    public ReplyIntent {
        if (confidence < 0 || confidence > 1) {
            throw new IllegalArgumentException("confidence " + confidence + " is not between 0 and 1");
        }
        reason = reason == null ? "" : reason.strip();
    }

    static ReplyIntent of(IntentLabel label, double confidence, String reason, IntentSource source) {
        return new ReplyIntent(label, Optional.empty(), Optional.empty(), Optional.empty(), confidence, reason, source);
    }

    /** Left open: an other / automatic label with low confidence, saying why. */
    static ReplyIntent open(String reason, IntentSource source) {
        return of(IntentLabel.AUTO_REPLY_OTHER, LOW_CONFIDENCE, reason, source);
    }

    ReplyIntent withDate(Optional<LocalDate> value) {
        return new ReplyIntent(label, value, referralName, referralEmail, confidence, reason, source);
    }

    ReplyIntent withReferral(Optional<String> name, Optional<String> email) {
        return new ReplyIntent(label, date, name, email, confidence, reason, source);
    }
}
