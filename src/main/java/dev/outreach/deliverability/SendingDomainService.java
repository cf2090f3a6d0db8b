package dev.outreach.deliverability;

import dev.outreach.shared.AuditLog;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sending domains: everyone signed in may read them; only admins create, change, pause, resume
 * and delete them, checked here. Rejected input names the field and changes nothing; every change
 * is in the audit log with the values before and after.
 */
@Service
public class SendingDomainService {

    static final int MAX_REASON = 500;

    private final JdbcClient jdbc;
    private final AuditLog auditLog;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    SendingDomainService(JdbcClient jdbc, AuditLog auditLog, JsonMapper json, Clock clock,
            ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.auditLog = auditLog;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public List<SendingDomain> findAll() {
        return jdbc.sql(SELECT + " order by d.domain").query(SendingDomainService::row).list();
    }

    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public Optional<SendingDomain> find(long id) {
        return jdbc.sql(SELECT + " where d.id = :id").param("id", id).query(SendingDomainService::row).optional();
    }

    /** Adds a domain, active; its daily cap limits all its mailboxes together. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public SendingDomain create(String domain, Integer dailyCap) {
        String name = DomainNames.normalize(domain);
        validate(null, name, dailyCap);
        Timestamp now = Timestamp.from(clock.instant());
        try {
            jdbc.sql("""
                    insert into sending_domain (domain, status, daily_cap, created_at, updated_at)
                    values (:domain, 'ACTIVE', :cap, :now, :now)
                    """).param("domain", name).param("cap", dailyCap).param("now", now).update();
        } catch (DuplicateKeyException race) {
            throw duplicate(name);
        }
        SendingDomain created = findByName(name);
        auditLog.record("sending-domain.create", "sending_domain", created.id(), null, describe(created));
        return created;
    }

    /** Renames a domain (only while it has no mailboxes: their addresses end in it) or changes its cap. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public SendingDomain update(long id, String domain, Integer dailyCap) {
        SendingDomain before = load(id);
        String name = DomainNames.normalize(domain);
        validate(before, name, dailyCap);
        try {
            jdbc.sql("update sending_domain set domain = :domain, daily_cap = :cap, updated_at = :now where id = :id")
                    .param("domain", name).param("cap", dailyCap).param("now", Timestamp.from(clock.instant()))
                    .param("id", id).update();
        } catch (DuplicateKeyException race) {
            throw duplicate(name);
        }
        SendingDomain after = load(id);
        auditLog.record("sending-domain.update", "sending_domain", id, describe(before), describe(after));
        return after;
    }

    /** Stops every mailbox of the domain from sending until an admin resumes it. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public SendingDomain pause(long id, String reason) {
        String why = requireReason(reason);
        SendingDomain before = load(id);
        if (before.paused() && !before.pausedByHealth()) {
            throw new InvalidInputException("status", before.domain() + " is already paused: " + before.pausedReason());
        }
        // an admin's pause replaces the health guard's, so the guard never resumes what an admin stopped
        jdbc.sql("""
                update sending_domain set status = 'PAUSED', paused_reason = :reason, paused_at = :now,
                       paused_by_health = false, updated_at = :now
                where id = :id
                """).param("reason", why).param("now", Timestamp.from(clock.instant())).param("id", id).update();
        SendingDomain after = load(id);
        events.publishEvent(new DomainPaused(id, after.domain(), false, describe(before), describe(after),
                clock.instant()));
        return after;
    }

    /** Lets the domain's mailboxes send again; the reason goes to the audit log. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public SendingDomain resume(long id, String reason) {
        String why = requireReason(reason);
        SendingDomain before = load(id);
        if (!before.paused()) {
            throw new InvalidInputException("status", before.domain() + " is not paused");
        }
        jdbc.sql("""
                update sending_domain set status = 'ACTIVE', paused_reason = null, paused_at = null,
                       paused_by_health = false, updated_at = :now
                where id = :id
                """).param("now", Timestamp.from(clock.instant())).param("id", id).update();
        SendingDomain after = load(id);
        events.publishEvent(new DomainResumed(id, after.domain(), false, describe(before),
                describe(after, Map.of("resume_reason", why)), clock.instant()));
        return after;
    }

    /** Deletes a domain that has no mailboxes. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void delete(long id) {
        SendingDomain before = load(id);
        if (before.mailboxes() > 0) {
            throw new InvalidInputException("domain", before.domain() + " still has " + before.mailboxes()
                    + (before.mailboxes() == 1 ? " mailbox" : " mailboxes") + ": delete or move them first");
        }
        jdbc.sql("delete from sending_domain where id = :id").param("id", id).update();
        auditLog.record("sending-domain.delete", "sending_domain", id, describe(before), null);
    }

    static String requireReason(String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new InvalidInputException("reason", "Give a reason");
        }
        if (why.length() > MAX_REASON) {
            throw new InvalidInputException("reason", "Keep the reason under " + MAX_REASON + " characters");
        }
        return why;
    }

    private void validate(SendingDomain existing, String name, Integer dailyCap) {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || name.isEmpty()) {
            errors.add(new FieldError("domain", "Enter the domain, e.g. mail.example.com"));
        } else if (!DomainNames.isDomain(name)) {
            errors.add(new FieldError("domain", "'" + name + "' is not a domain name such as mail.example.com"));
        } else if (existing != null && !existing.domain().equals(name) && existing.mailboxes() > 0) {
            errors.add(new FieldError("domain", "A domain with mailboxes cannot be renamed: their addresses end in @"
                    + existing.domain()));
        } else if (jdbc.sql("select count(*) from sending_domain where domain = :domain and id <> :id")
                .param("domain", name).param("id", existing == null ? -1 : existing.id()).query(Integer.class).single() > 0) {
            errors.add(duplicate(name).errors().getFirst());
        }
        if (dailyCap == null) {
            errors.add(new FieldError("dailyCap", "Enter the daily cap (0 stops sending)"));
        } else if (dailyCap < 0) {
            errors.add(new FieldError("dailyCap", "Cannot be negative"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static InvalidInputException duplicate(String name) {
        return new InvalidInputException("domain", "Sending domain " + name + " already exists");
    }

    private SendingDomain load(long id) {
        return find(id).orElseThrow(() -> new InvalidInputException("domain", "No sending domain with id " + id));
    }

    private SendingDomain findByName(String name) {
        return jdbc.sql(SELECT + " where d.domain = :domain").param("domain", name).query(SendingDomainService::row).single();
    }

    private String describe(SendingDomain domain) {
        return describe(domain, Map.of());
    }

    private String describe(SendingDomain domain, Map<String, Object> extra) {
        Map<String, Object> values = new TreeMap<>(extra);
        values.put("domain", domain.domain());
        values.put("status", domain.status());
        values.put("paused_reason", domain.pausedReason());
        values.put("paused_by_health", domain.pausedByHealth());
        values.put("daily_cap", domain.dailyCap());
        return json.writeValueAsString(values);
    }

    private static final String SELECT = """
            select d.id, d.domain, d.status, d.paused_reason, d.paused_at, d.paused_by_health, d.daily_cap,
                   (select count(*) from mailbox m where m.domain_id = d.id) as mailboxes
            from sending_domain d
            """;

    private static SendingDomain row(ResultSet rs, int n) throws SQLException {
        Timestamp pausedAt = rs.getTimestamp("paused_at");
        return new SendingDomain(rs.getLong("id"), rs.getString("domain"), "PAUSED".equals(rs.getString("status")),
                rs.getString("paused_reason"), pausedAt == null ? null : pausedAt.toInstant(),
                rs.getBoolean("paused_by_health"), rs.getInt("daily_cap"), rs.getInt("mailboxes"));
    }
}
