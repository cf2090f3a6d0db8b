package dev.outreach.integration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** The {@code webhook_endpoint} table; endpoints are marked deleted, never removed. */
@Component
class WebhookEndpointStore {

    /** An endpoint with its encrypted secret, for delivery. */
    record Target(long id, String url, String secretEncrypted, boolean enabled) {
    }

    private static final String COLUMNS = "id, name, url, event_types, enabled, created_by, created_at, updated_at";

    private final JdbcClient jdbc;

    WebhookEndpointStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<WebhookEndpoint> all() {
        return jdbc.sql("select " + COLUMNS + " from webhook_endpoint where not deleted order by name, id")
                .query(WebhookEndpointStore::endpoint).list();
    }

    Optional<WebhookEndpoint> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from webhook_endpoint where id = :id and not deleted").param("id", id)
                .query(WebhookEndpointStore::endpoint).optional();
    }

    long insert(WebhookEndpointDraft draft, String secretEncrypted, String actor, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into webhook_endpoint (name, url, event_types, secret_encrypted, enabled, created_by,
                    created_at, updated_at)
                values (:name, :url, :types, :secret, :enabled, :actor, :now, :now)
                """).param("name", draft.name().strip()).param("url", draft.url().strip())
                .param("types", wire(draft.eventTypes())).param("secret", secretEncrypted)
                .param("enabled", draft.enabled()).param("actor", actor).param("now", Timestamp.from(now))
                .update(key, "id");
        return key.getKey().longValue();
    }

    void update(long id, WebhookEndpointDraft draft, String secretEncryptedOrNull, Instant now) {
        jdbc.sql("""
                update webhook_endpoint set name = :name, url = :url, event_types = :types, enabled = :enabled,
                    secret_encrypted = coalesce(:secret, secret_encrypted), updated_at = :now
                where id = :id and not deleted
                """).param("id", id).param("name", draft.name().strip()).param("url", draft.url().strip())
                .param("types", wire(draft.eventTypes())).param("enabled", draft.enabled())
                .param("secret", secretEncryptedOrNull).param("now", Timestamp.from(now)).update();
    }

    void markDeleted(long id, Instant now) {
        jdbc.sql("update webhook_endpoint set deleted = true, enabled = false, updated_at = :now where id = :id")
                .param("id", id).param("now", Timestamp.from(now)).update();
    }

    /** Enabled endpoints and their types: what {@link WebhookSubscriptions} caches. */
    List<WebhookEndpoint> enabled() {
        return jdbc.sql("select " + COLUMNS + " from webhook_endpoint where enabled and not deleted")
                .query(WebhookEndpointStore::endpoint).list();
    }

    List<Target> targets(Set<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select id, url, secret_encrypted, enabled and not deleted from webhook_endpoint where id in (:ids)")
                .param("ids", List.copyOf(ids))
                .query((rs, n) -> new Target(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                .list();
    }

    private static String wire(Set<WebhookEventType> types) {
        return types.stream().sorted().map(WebhookEventType::wireName).collect(Collectors.joining(","));
    }

    private static WebhookEndpoint endpoint(ResultSet rs, int n) throws SQLException {
        Set<WebhookEventType> types = EnumSet.noneOf(WebhookEventType.class);
        Arrays.stream(rs.getString("event_types").split(",")).map(String::strip)
                .forEach(name -> WebhookEventType.ofWireName(name).ifPresent(types::add));
        return new WebhookEndpoint(rs.getLong("id"), rs.getString("name"), rs.getString("url"), types,
                rs.getBoolean("enabled"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
