package dev.outreach.lead;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one definition of why a lead is not to be contacted again: the statuses that stop outreach,
 * in the order their reasons win, each with the short reason the cadence tick counts and the
 * sentence a message ends with. A bounce stops only email (the other channels still reach the
 * lead); the others stop every channel. The tick reads them in SQL ({@link #sqlCase}), the
 * dispatcher in Java ({@link #of}).
 */
public enum LeadStop {
    REPLIED(LeadStatus.REPLIED, "replied", "The lead replied; the sequence stops", true),
    UNSUBSCRIBED(LeadStatus.UNSUBSCRIBED, "unsubscribed", "The lead unsubscribed", true),
    BOUNCED(LeadStatus.BOUNCED, "hard bounce", "The lead's email bounced before", false),
    DISQUALIFIED(LeadStatus.DISQUALIFIED, "disqualified", "The lead is disqualified", true);

    private final LeadStatus status;
    private final String reason;
    private final String sentence;
    private final boolean everyChannel;

    LeadStop(LeadStatus status, String reason, String sentence, boolean everyChannel) {
        this.status = status;
        this.reason = reason;
        this.sentence = sentence;
        this.everyChannel = everyChannel;
    }

    /** The stop a lead in this status is under, if any. */
    public static Optional<LeadStop> of(LeadStatus status) {
        return Arrays.stream(values()).filter(stop -> stop.status == status).findFirst();
    }

    /** The short reason ("replied", "hard bounce"), as the tick counts its stops. */
    public String reason() {
        return reason;
    }

    /** The sentence a message ends with ("The lead unsubscribed"). */
    public String sentence() {
        return sentence;
    }

    /** False for a bounce, which stops only email. */
    public boolean stopsEveryChannel() {
        return everyChannel;
    }

    /**
     * Whether the stop also holds back a person's answer to the lead's own mail (a reply from the
     * console): a reply stops the sequence, not the conversation it opens; the other stops of every
     * channel hold answers too (a bounce stops email by its own rule).
     */
    public boolean stopsAnswers() {
        return everyChannel && this != REPLIED;
    }

    /** The stopping statuses as a SQL list ({@code 'REPLIED', 'UNSUBSCRIBED', ...}), for {@code status not in (...)}. */
    public static String sqlStatuses() {
        return Arrays.stream(values()).map(stop -> "'" + stop.status.name() + "'").collect(Collectors.joining(", "));
    }

    /**
     * The {@code when ... then '<reason>'} branches of a SQL {@code case} over a lead status
     * column, in order; {@code alsoWhen} adds a condition under which a stop applies too (an
     * enrollment that saw the reply before the lead's status did).
     */
    public static String sqlCase(String statusColumn, Map<LeadStop, String> alsoWhen) {
        return Arrays.stream(values()).map(stop -> "when " + (alsoWhen.containsKey(stop) ? alsoWhen.get(stop) + " or " : "")
                + statusColumn + " = '" + stop.status.name() + "' then '" + stop.reason + "'")
                .collect(Collectors.joining("\n     "));
    }
}
