package dev.outreach.deliverability;

import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Addresses and domains that must never be emailed again (hard bounces, complaints, unsubscribes). */
@Service
public class SuppressionList {

    private final JdbcClient jdbc;

    SuppressionList(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds an address (idempotent: an address already suppressed keeps its first reason). */
    @Transactional
    public void suppressAddress(String email, String reason, java.time.Instant at) {
        String address = email.strip().toLowerCase(Locale.ROOT);
        if (reasonFor(address).isEmpty()) {
            jdbc.sql("insert into suppression (kind, entry, reason, created_at) values ('ADDRESS', :entry, :reason, :at)")
                    .param("entry", address).param("reason", reason).param("at", java.sql.Timestamp.from(at)).update();
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

    /** Why an address may not be emailed, when it may not: its own entry or its domain's. */
    @Transactional(readOnly = true)
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
