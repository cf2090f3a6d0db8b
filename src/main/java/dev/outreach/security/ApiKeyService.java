package dev.outreach.security;

import dev.outreach.shared.AuditLog;
import dev.outreach.shared.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys for the REST API. A key is {@code oe_<prefix>_<secret>}; only the prefix and a
 * SHA-256 of the whole key are stored (a key has 190 random bits, so a slow hash adds nothing
 * but latency), and the key is shown once, when it is created. Admins create and revoke keys.
 */
@Service
public class ApiKeyService {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final JdbcClient jdbc;
    private final AuditLog auditLog;
    private final Clock clock;

    ApiKeyService(JdbcClient jdbc, AuditLog auditLog, Clock clock) {
        this.jdbc = jdbc;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** An API key as the admin list shows it: never the key itself. */
    public record ApiKeyInfo(long id, String name, String prefix, Role role, String createdBy, Instant createdAt,
            Instant lastUsedAt, Instant revokedAt) {
    }

    /** A new key: {@code key} is shown once and cannot be recovered. */
    public record CreatedKey(ApiKeyInfo info, String key) {
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public CreatedKey create(String name, Role role) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            throw new InvalidInputException("name", "Give the key a name of 1 to 100 characters, such as the system that uses it");
        }
        if (role == null) {
            throw new InvalidInputException("role", "Choose the role the key acts with");
        }
        String prefix = random(8);
        String key = "oe_" + prefix + "_" + random(32);
        Instant now = clock.instant();
        jdbc.sql("""
                insert into api_key (name, key_prefix, key_hash, role, created_by, created_at)
                values (:name, :prefix, :hash, :role, :createdBy, :now)
                """).param("name", trimmed).param("prefix", prefix).param("hash", sha256(key)).param("role", role.name())
                .param("createdBy", AuditLog.currentActor()).param("now", Timestamp.from(now)).update();
        ApiKeyInfo info = byPrefix(prefix).orElseThrow();
        auditLog.record("api-key.create", "api_key", info.id(), null, trimmed + " " + role);
        return new CreatedKey(info, key);
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public List<ApiKeyInfo> findAll() {
        return jdbc.sql("select * from api_key order by created_at desc").query(ApiKeyService::info).list();
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void revoke(long id) {
        int changed = jdbc.sql("update api_key set revoked_at = :now where id = :id and revoked_at is null")
                .param("id", id).param("now", Timestamp.from(clock.instant())).update();
        if (changed == 0) {
            throw new InvalidInputException("id", "No active API key with id " + id);
        }
        auditLog.record("api-key.revoke", "api_key", id, "active", "revoked");
    }

    /** The key's identity when it is valid and not revoked; records its use. */
    @Transactional
    public Optional<ApiKeyInfo> authenticate(String key) {
        if (key == null || !key.matches("oe_[A-Za-z0-9]{8}_[A-Za-z0-9]{32}")) {
            return Optional.empty();
        }
        Optional<ApiKeyInfo> match = jdbc.sql("select * from api_key where key_prefix = :prefix and revoked_at is null")
                .param("prefix", key.substring(3, 11)).query((rs, n) -> {
                    boolean same = MessageDigest.isEqual(rs.getString("key_hash").getBytes(StandardCharsets.US_ASCII),
                            sha256(key).getBytes(StandardCharsets.US_ASCII));
                    return same ? info(rs, n) : null;
                }).optional();
        match.ifPresent(info -> jdbc.sql("update api_key set last_used_at = :now where id = :id")
                .param("id", info.id()).param("now", Timestamp.from(clock.instant())).update());
        return match;
    }

    private Optional<ApiKeyInfo> byPrefix(String prefix) {
        return jdbc.sql("select * from api_key where key_prefix = :prefix").param("prefix", prefix)
                .query(ApiKeyService::info).optional();
    }

    private static ApiKeyInfo info(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new ApiKeyInfo(rs.getLong("id"), rs.getString("name"), rs.getString("key_prefix"),
                Role.valueOf(rs.getString("role")), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("last_used_at")), instant(rs.getTimestamp("revoked_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String random(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
