package dev.outreach.deliverability;

import com.sanctionco.jmail.JMail;
import dev.outreach.shared.AuditLog;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Addresses and domains that must never be emailed again (hard bounces, complaints, unsubscribes).
 * The sending side asks {@link #reasonFor}/{@link #reasonsFor}; event handling adds with
 * {@link #suppressAddress}. People search the list (anyone signed in) and add or remove entries
 * (admins only, checked here, audited).
 */
@Service
public class SuppressionList {

    static final int MAX_REASON = 200;

    private final JdbcClient jdbc;
    private final AuditLog auditLog;
    private final JsonMapper json;
    private final Clock clock;

    SuppressionList(JdbcClient jdbc, AuditLog auditLog, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.auditLog = auditLog;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Entries whose address, domain or reason contains the text (all when blank), newest first.
     * A contains-search cannot use an index: a scan of the table, fine for the list's size
     * (one row per suppressed address) at an admin's typing pace.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public List<Suppression> search(String text, int offset, int limit) {
        return jdbc.sql("select id, kind, entry, reason, created_at from suppression" + where(text)
                        + " order by created_at desc, id desc offset :offset rows fetch next :limit rows only")
                .param("pattern", pattern(text)).param("offset", offset).param("limit", limit)
                .query(SuppressionList::row).list();
    }

    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public int count(String text) {
        return jdbc.sql("select count(*) from suppression" + where(text)).param("pattern", pattern(text))
                .query(Integer.class).single();
    }

    /** Suppresses an address or a whole domain by hand. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public Suppression add(Suppression.Kind kind, String entry, String reason) {
        String value = normalize(kind, entry);
        String why = reason == null ? "" : reason.strip();
        List<FieldError> errors = new ArrayList<>();
        if (kind == null) {
            errors.add(new FieldError("kind", "Choose address or domain"));
        } else if (value.isEmpty()) {
            errors.add(new FieldError("entry", kind == Suppression.Kind.ADDRESS ? "Enter the email address"
                    : "Enter the domain"));
        } else if (kind == Suppression.Kind.ADDRESS && (value.length() > 320 || !JMail.strictValidator().isValid(value))) {
            errors.add(new FieldError("entry", "'" + value + "' is not a valid email address"));
        } else if (kind == Suppression.Kind.DOMAIN && !DomainNames.isDomain(value)) {
            errors.add(new FieldError("entry", "'" + value + "' is not a domain name such as example.com"));
        } else {
            findEntry(kind, value).ifPresent(existing -> errors.add(new FieldError("entry",
                    value + " is already suppressed: " + existing.reason())));
        }
        if (why.isEmpty()) {
            errors.add(new FieldError("reason", "Give a reason"));
        } else if (why.length() > MAX_REASON) {
            errors.add(new FieldError("reason", "Keep the reason under " + MAX_REASON + " characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        try {
            jdbc.sql("insert into suppression (kind, entry, reason, created_at) values (:kind, :entry, :reason, :at)")
                    .param("kind", kind.name()).param("entry", value).param("reason", why)
                    .param("at", Timestamp.from(clock.instant())).update();
        } catch (DuplicateKeyException race) {
            throw new InvalidInputException("entry", value + " is already suppressed");
        }
        Suppression added = findEntry(kind, value).orElseThrow();
        auditLog.record("suppression.add", "suppression", added.id(), null, describe(added));
        return added;
    }

    /** Takes an entry off the list: the address (or domain) may be emailed again. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void remove(long id) {
        Suppression entry = jdbc.sql("select id, kind, entry, reason, created_at from suppression where id = :id")
                .param("id", id).query(SuppressionList::row).optional()
                .orElseThrow(() -> new InvalidInputException("entry", "That entry is no longer on the list"));
        jdbc.sql("delete from suppression where id = :id").param("id", id).update();
        auditLog.record("suppression.remove", "suppression", id, describe(entry), null);
    }

    private java.util.Optional<Suppression> findEntry(Suppression.Kind kind, String value) {
        return jdbc.sql("select id, kind, entry, reason, created_at from suppression where kind = :kind and entry = :entry")
                .param("kind", kind.name()).param("entry", value).query(SuppressionList::row).optional();
    }

    private static String normalize(Suppression.Kind kind, String entry) {
        String value = entry == null ? "" : entry.strip().toLowerCase(Locale.ROOT);
        return kind == Suppression.Kind.DOMAIN ? DomainNames.normalize(value.startsWith("@") ? value.substring(1) : value)
                : value;
    }

    private static String where(String text) {
        return text == null || text.isBlank() ? "" : " where entry like :pattern escape '\\' or lower(reason) like :pattern escape '\\'";
    }

    /** The search text as a LIKE pattern, its own % and _ taken literally. */
    private static String pattern(String text) {
        if (text == null || text.isBlank()) {
            return "%";
        }
        String escaped = text.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }

    private String describe(Suppression entry) {
        Map<String, Object> values = new TreeMap<>();
        values.put("kind", entry.kind().name());
        values.put("entry", entry.entry());
        values.put("reason", entry.reason());
        values.put("created_at", entry.createdAt().toString());
        return json.writeValueAsString(values);
    }

    private static Suppression row(ResultSet rs, int n) throws SQLException {
        return new Suppression(rs.getLong("id"), Suppression.Kind.valueOf(rs.getString("kind")), rs.getString("entry"),
                rs.getString("reason"), rs.getTimestamp("created_at").toInstant());
    }

    /** Adds an address (idempotent: an address already suppressed keeps its first reason). */
    @Transactional
    public void suppressAddress(String email, String reason, java.time.Instant at) {
        String address = email.strip().toLowerCase(Locale.ROOT);
        if (reasonFor(address).isEmpty()) {
            // two events for one address may race here (a bounce and an unsubscribe): the first insert wins
            jdbc.sql("""
                    insert into suppression (kind, entry, reason, created_at) values ('ADDRESS', :entry, :reason, :at)
                    on conflict do nothing
                    """).param("entry", address).param("reason", reason).param("at", java.sql.Timestamp.from(at)).update();
        }
    }

    /** {@link #reasonFor} for many addresses in one query; addresses not suppressed are absent. */
    @Transactional(readOnly = true)
    public java.util.Map<String, String> reasonsFor(java.util.Collection<String> emails) {
        java.util.Map<String, String> reasons = new java.util.HashMap<>();
        java.util.List<String> addresses = emails.stream().filter(java.util.Objects::nonNull)
                .map(e -> e.strip().toLowerCase(Locale.ROOT)).distinct().toList();
        if (addresses.isEmpty()) {
            return reasons;
        }
        java.util.List<String> domains = addresses.stream().map(a -> a.substring(a.indexOf('@') + 1)).distinct().toList();
        java.util.Map<String, String> byEntry = new java.util.HashMap<>();
        jdbc.sql("""
                select kind, entry, reason from suppression
                where (kind = 'ADDRESS' and entry in (:addresses)) or (kind = 'DOMAIN' and entry in (:domains))
                """).param("addresses", addresses).param("domains", domains)
                .query((rs, n) -> byEntry.putIfAbsent(rs.getString("kind") + ":" + rs.getString("entry"), rs.getString("reason")))
                .list();
        for (String address : addresses) {
            String reason = byEntry.getOrDefault("ADDRESS:" + address,
                    byEntry.get("DOMAIN:" + address.substring(address.indexOf('@') + 1)));
            if (reason != null) {
                reasons.put(address, reason);
            }
        }
        return reasons;
    }

    /**
     * Why an address may not be emailed, when it may not: its own entry or its domain's. One
     * statement, so no transaction: the dispatcher asks once more right before every email.
     */
    public java.util.Optional<String> reasonFor(String email) {
        if (email == null) {
            return java.util.Optional.empty();
        }
        String address = email.strip().toLowerCase(Locale.ROOT);
        String domain = address.substring(address.indexOf('@') + 1);
        return jdbc.sql("""
                select reason from suppression
                where (kind = 'ADDRESS' and entry = :address) or (kind = 'DOMAIN' and entry = :domain)
                fetch first 1 rows only
                """).param("address", address).param("domain", domain).query(String.class).optional();
    }
}
