package dev.outreach.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a REST request at most once per {@code Idempotency-Key}: the first request's answer is
 * stored in the same transaction as its effects, and a replay with the same key and the same
 * request gets that answer back without running again. The same key with a different request is
 * refused (422). Keys belong to the client (the API key's actor) and expire after
 * {@code outreach.idempotency.ttl}. Any controller can use it; see docs/idempotency.md.
 *
 * <p>A concurrent replay waits for the first request's transaction (the key's primary key), then
 * replays its answer; if the first request failed, nothing was stored and the replay runs.
 */
@Service
public class IdempotentRequests {

    /** The request header that carries the key. */
    public static final String HEADER = "Idempotency-Key";
    /** The response header that says an answer is a replay. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final String PURGE_JOB = "idempotency-key-purge";
    private static final Pattern KEY = Pattern.compile("^[\\x21-\\x7E]{1,200}$");

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final IdempotencyProperties properties;
    private final JobRuns jobs;
    private final Clock clock;

    IdempotentRequests(JdbcClient jdbc, JsonMapper json, IdempotencyProperties properties, JobRuns jobs, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.properties = properties;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** An answer and whether it is the stored one of an earlier request with the same key. */
    public record Answer<T>(T body, boolean replayed) {
    }

    /**
     * Runs {@code work} once for {@code key} (when null, simply runs it). {@code endpoint} (method
     * and path) and {@code request} (anything Jackson can write, e.g. the parsed body) make the
     * request's fingerprint; {@code type} reads a stored answer back. Work that throws stores
     * nothing: its effects and the key roll back together.
     */
    @Transactional
    public <T> Answer<T> once(String key, String endpoint, Object request, Class<T> type, Supplier<T> work) {
        if (key == null) {
            return new Answer<>(work.get(), false);
        }
        if (!KEY.matcher(key).matches()) {
            throw new InvalidInputException(HEADER, "Use 1 to 200 visible ASCII characters, such as a UUID");
        }
        String actor = AuditLog.currentActor();
        String fingerprint = fingerprint(endpoint, request);
        Instant now = clock.instant();
        jdbc.sql("delete from idempotency_key where actor = :actor and idem_key = :key and expires_at <= :now")
                .params(Map.of("actor", actor, "key", key, "now", Timestamp.from(now))).update();
        // waits for a concurrent first use of the key to commit or roll back (the primary key)
        boolean first = jdbc.sql("""
                insert into idempotency_key (actor, idem_key, fingerprint, created_at, expires_at)
                values (:actor, :key, :fingerprint, :now, :expires)
                on conflict do nothing
                """).params(Map.of("actor", actor, "key", key, "fingerprint", fingerprint,
                "now", Timestamp.from(now), "expires", Timestamp.from(now.plus(properties.ttl())))).update() == 1;
        if (!first) {
            return replay(actor, key, fingerprint, type);
        }
        T answer = work.get();
        jdbc.sql("update idempotency_key set answer = :answer where actor = :actor and idem_key = :key")
                .params(Map.of("answer", json.writeValueAsString(answer), "actor", actor, "key", key)).update();
        return new Answer<>(answer, false);
    }

    private <T> Answer<T> replay(String actor, String key, String fingerprint, Class<T> type) {
        Map<String, Object> stored = jdbc.sql("select fingerprint, answer from idempotency_key where actor = :actor and idem_key = :key")
                .param("actor", actor).param("key", key).query().singleRow();
        if (!fingerprint.equals(stored.get("fingerprint"))) {
            throw new IdempotencyConflict("This Idempotency-Key was already used for a different request"
                    + " (another endpoint or another body); use a new key for a new request", false);
        }
        Object answer = stored.get("answer");
        if (answer == null) {
            throw new IdempotencyConflict("The first request with this Idempotency-Key is still running; retry later", true);
        }
        String text = answer instanceof java.sql.Clob clob ? clobText(clob) : answer.toString();
        return new Answer<>(json.readValue(text, type), true);
    }

    /** Deletes the expired keys; one instance at a time (index ix_idempotency_key_expires). */
    @Scheduled(fixedDelayString = "${outreach.idempotency.purge-interval:1h}",
            initialDelayString = "${outreach.idempotency.purge-interval:1h}")
    @SchedulerLock(name = PURGE_JOB)
    public void purgeExpired() {
        jobs.run(PURGE_JOB, () -> jdbc.sql("delete from idempotency_key where expires_at <= :now")
                .param("now", Timestamp.from(clock.instant())).update());
    }

    private String fingerprint(String endpoint, Object request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(endpoint.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(json.writeValueAsBytes(request));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    private static String clobText(java.sql.Clob clob) {
        try {
            return clob.getSubString(1, (int) clob.length());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot read a stored idempotent answer", e);
        }
    }
}
