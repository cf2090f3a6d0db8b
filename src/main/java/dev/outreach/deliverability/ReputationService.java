package dev.outreach.deliverability;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * Scoped email reputation: every event counts for the whole engine, for the
 * sending domain and for the mailbox, and each scope is scored with the same
 * {@link ReputationScoring#computeEmailScore}. Counts cover a rolling 24-hour window (see
 * {@link ReputationStore}).
 *
 * <p>Keys: {@code email:reputation:{event_type}},
 * {@code email:reputation:domain:{domain}:{event_type}},
 * {@code email:reputation:mailbox:{from_email}:{event_type}}.
 */
@Service
public class ReputationService {

    static final String PREFIX = "email:reputation:";

    /** A reputation scope: {@code global}, {@code domain} or {@code mailbox}. */
    public enum Scope {
        GLOBAL, DOMAIN, MAILBOX;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A scope's score, as {@code getEmailReputationScoped} returns it. */
    public record ScopedScore(Scope scope, String scopeKey, EmailScore score) {
    }

    private final ReputationStore store;
    private final Clock clock;

    ReputationService(ReputationStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Counts one event in the global scope and, when given, the domain's and the mailbox's, in
     * one round trip. An empty domain or mailbox skips that scope; a missing domain is taken from
     * the mailbox address.
     */
    public void recordEmailEventScoped(EmailEventType eventType, String domain, String fromEmail) {
        store.increment(keys(eventType, domain, fromEmail), currentHour());
    }

    /**
     * Counts a sent message for the global, domain and mailbox reputation once, however often it
     * is reported (keyed on the message's id); false when it was counted already.
     */
    public boolean recordSentOnce(java.util.UUID messageId, String fromEmail) {
        return store.incrementOnce(PREFIX + "counted:sent:" + messageId, keys(EmailEventType.SENT, null, fromEmail),
                currentHour());
    }

    /** The event's key in the global scope and, when given, the domain's and the mailbox's. */
    private static List<String> keys(EmailEventType eventType, String domain, String fromEmail) {
        String mailbox = normalize(fromEmail);
        String sendingDomain = normalize(domain);
        if (sendingDomain.isEmpty() && mailbox.contains("@")) {
            sendingDomain = mailbox.substring(mailbox.lastIndexOf('@') + 1);
        }
        List<String> keys = new ArrayList<>(3);
        keys.add(key(Scope.GLOBAL, "", eventType));
        if (!sendingDomain.isEmpty()) {
            keys.add(key(Scope.DOMAIN, sendingDomain, eventType));
        }
        if (!mailbox.isEmpty()) {
            keys.add(key(Scope.MAILBOX, mailbox, eventType));
        }
        return keys;
    }

    /**
     * Takes back one event counted at {@code countedAt} in the same scopes as
     * {@link #recordEmailEventScoped}: a click counted as a person's that a link scanner made.
     */
    public void retractEmailEventScoped(EmailEventType eventType, String domain, String fromEmail, Instant countedAt) {
        store.decrement(keys(eventType, domain, fromEmail), countedAt.getEpochSecond() / 3600);
    }

    /** One scope's score over the window ({@code scopeKey} is ignored for the global scope). */
    public ScopedScore getEmailReputationScoped(Scope scope, String scopeKey) {
        String normalized = scope == Scope.GLOBAL ? "" : normalize(scopeKey);
        List<String> keys = keysOf(scope, normalized);
        return new ScopedScore(scope, normalized, ReputationScoring.computeEmailScore(metrics(keys, store.sums(keys, windowStart()))));
    }

    /** The global scope's score. */
    public EmailScore getEmailReputation() {
        return getEmailReputationScoped(Scope.GLOBAL, "").score();
    }

    /** Every domain with sends in the window, found with SCAN, scored. */
    public Map<String, EmailScore> getDomainHealthMap() {
        return healthMap(Scope.DOMAIN);
    }

    /** Every mailbox (by address) with sends in the window, found with SCAN, scored. */
    public Map<String, EmailScore> getMailboxHealthMap() {
        return healthMap(Scope.MAILBOX);
    }

    /** Hourly counts of one event type over the window, oldest first: {@code WINDOW_HOURS} values. */
    public long[] trend(Scope scope, String scopeKey, EmailEventType eventType) {
        long from = windowStart();
        Map<Long, Long> hours = store.hours(key(scope, scope == Scope.GLOBAL ? "" : normalize(scopeKey), eventType), from);
        long[] trend = new long[ReputationStore.WINDOW_HOURS];
        hours.forEach((hour, count) -> {
            int index = (int) (hour - from);
            if (index >= 0 && index < trend.length) {
                trend[index] = count;
            }
        });
        return trend;
    }

    private Map<String, EmailScore> healthMap(Scope scope) {
        String prefix = PREFIX + scope.key() + ":";
        String suffix = ":" + EmailEventType.SENT.key();
        List<String> scopeKeys = store.scan(prefix + "*" + suffix).stream()
                .map(key -> key.substring(prefix.length(), key.length() - suffix.length()))
                .sorted().toList();
        List<String> keys = scopeKeys.stream().flatMap(scopeKey -> keysOf(scope, scopeKey).stream()).toList();
        Map<String, Long> sums = store.sums(keys, windowStart());
        Map<String, EmailScore> map = new TreeMap<>();
        for (String scopeKey : scopeKeys) {
            map.put(scopeKey, ReputationScoring.computeEmailScore(metrics(keysOf(scope, scopeKey), sums)));
        }
        return map;
    }

    private static EmailMetrics metrics(List<String> keys, Map<String, Long> sums) {
        long[] counts = keys.stream().mapToLong(key -> sums.getOrDefault(key, 0L)).toArray();
        return new EmailMetrics(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6]);
    }

    /** The keys of a scope, one per {@link EmailEventType}, in its order. */
    private static List<String> keysOf(Scope scope, String scopeKey) {
        return Arrays.stream(EmailEventType.values()).map(type -> key(scope, scopeKey, type)).toList();
    }

    static String key(Scope scope, String scopeKey, EmailEventType type) {
        return scope == Scope.GLOBAL ? PREFIX + type.key() : PREFIX + scope.key() + ":" + scopeKey + ":" + type.key();
    }

    private long currentHour() {
        return clock.instant().getEpochSecond() / 3600;
    }

    /** The first hour of the window: the current hour and the 23 before it. */
    private long windowStart() {
        return currentHour() - ReputationStore.WINDOW_HOURS + 1;
    }

    private static String normalize(String value) {
        return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    }
}
