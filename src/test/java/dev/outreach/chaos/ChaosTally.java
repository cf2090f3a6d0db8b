package dev.outreach.chaos;

import dev.outreach.chaos.RecordingMailServer.Accepted;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the mail server received, held against what the outbox says, at one moment.
 *
 * @param reached touches that reached the server at least once
 * @param duplicates receptions beyond a touch's first: a Message-ID seen before, or a lead and
 *        touch seen before under another Message-ID
 * @param lost touches that ended (neither due, claimed nor in doubt) without ever reaching the
 *        server, by their status: a SENT among them is a send the outbox recorded that never happened
 * @param inDoubt touches in doubt: sent or not, nobody knows without looking
 * @param inDoubtReached of those, the ones that did reach the server
 * @param unfinished touches still due or claimed
 * @param reachedButUnsent touches that reached the server although the outbox, not in doubt,
 *        records them as not sent (due again, failed or skipped): a second send waiting to happen
 */
record ChaosTally(int received, int reached, int duplicatesByMessageId, int duplicatesByLeadAndTouch, int duplicates,
        Map<String, Integer> lost, int inDoubt, int inDoubtReached, int unfinished, int reachedButUnsent) {

    /** One touch of the outbox as the database has it. */
    record Touch(UUID id, String leadEmail, int touch, String status, boolean needsReview) {

        String key() {
            return leadAndTouch(leadEmail, touch);
        }
    }

    /** Statuses of a message that went out. */
    private static final Set<String> SENT = Set.of("SENT", "DELIVERED", "REPLIED", "BOUNCED");
    private static final Pattern TOUCH_IN_SUBJECT = Pattern.compile("touch (\\d+)");
    private static final Pattern OUR_MESSAGE_ID = Pattern.compile("<([0-9a-fA-F-]{36})@[^>]+>");

    /** The subject every touch of a chaos run carries, so a received mail names its touch by itself. */
    static String subject(int touch) {
        return "Chaos run, touch " + touch;
    }

    /**
     * Counts {@code accepted} against {@code touches}; {@code inDoubt} names the touches taken as in
     * doubt (they are neither lost nor unfinished).
     */
    static ChaosTally of(List<Touch> touches, List<Accepted> accepted, Set<UUID> inDoubt) {
        Set<UUID> receivedIds = new HashSet<>();
        Set<String> receivedKeys = new HashSet<>();
        Set<String> seenMessageIds = new HashSet<>();
        int byMessageId = 0;
        int byLeadAndTouch = 0;
        int duplicates = 0;
        for (Accepted mail : accepted) {
            Optional<UUID> id = ourId(mail.messageId());
            id.ifPresent(receivedIds::add);
            boolean newMessageId = seenMessageIds.add(String.valueOf(mail.messageId()));
            boolean newKey = receivedKeys.add(key(mail));
            byMessageId += newMessageId ? 0 : 1;
            byLeadAndTouch += newKey ? 0 : 1;
            duplicates += newMessageId && newKey ? 0 : 1;
        }
        int reached = 0;
        Map<String, Integer> lost = new TreeMap<>();
        int doubt = 0;
        int doubtReached = 0;
        int unfinished = 0;
        int reachedButUnsent = 0;
        for (Touch touch : touches) {
            boolean went = receivedIds.contains(touch.id()) || receivedKeys.contains(touch.key());
            reached += went ? 1 : 0;
            if (inDoubt.contains(touch.id())) {
                doubt++;
                doubtReached += went ? 1 : 0;
            } else if ("PENDING".equals(touch.status()) || "SENDING".equals(touch.status())) {
                unfinished++;
                reachedButUnsent += went ? 1 : 0;
            } else if (!went) {
                lost.merge(touch.status(), 1, Integer::sum);
            } else if (!SENT.contains(touch.status())) {
                reachedButUnsent++;
            }
        }
        return new ChaosTally(accepted.size(), reached, byMessageId, byLeadAndTouch, duplicates, lost, doubt,
                doubtReached, unfinished, reachedButUnsent);
    }

    int lostCount() {
        return lost.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** {@code 3 (FAILED 2, SENT 1)} or {@code 0}. */
    String lostSummary() {
        if (lost.isEmpty()) {
            return "0";
        }
        StringBuilder summary = new StringBuilder().append(lostCount()).append(" (");
        lost.forEach((status, count) -> summary.append(status).append(' ').append(count).append(", "));
        return summary.substring(0, summary.length() - 2) + ")";
    }

    /** The UUID in our Message-ID ({@code <uuid@mailbox-domain>}), if it is one of ours. */
    static Optional<UUID> ourId(String messageIdHeader) {
        Matcher m = OUR_MESSAGE_ID.matcher(messageIdHeader == null ? "" : messageIdHeader.trim());
        return m.matches() ? Optional.of(UUID.fromString(m.group(1))) : Optional.empty();
    }

    private static String key(Accepted mail) {
        Matcher m = TOUCH_IN_SUBJECT.matcher(mail.subject() == null ? "" : mail.subject());
        // a subject that names no touch cannot match another reception: keyed by its Message-ID
        return m.find() ? leadAndTouch(mail.recipient(), Integer.parseInt(m.group(1)))
                : mail.recipient() + "#?" + mail.messageId();
    }

    private static String leadAndTouch(String email, int touch) {
        return email.toLowerCase(Locale.ROOT) + "#" + touch;
    }
}
