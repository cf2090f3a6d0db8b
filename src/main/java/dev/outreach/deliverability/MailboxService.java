package dev.outreach.deliverability;

import dev.outreach.shared.AuditLog;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mailboxes: everyone signed in may read them (without secrets); only admins create, change,
 * pause, resume and delete them, checked here. Passwords are stored encrypted and never leave
 * this service towards a view or the audit log, which says "(changed)" instead.
 */
@Service
public class MailboxService {

    private final JdbcClient jdbc;
    private final SendingDomainService domains;
    private final MailboxSecrets secrets;
    private final AuditLog auditLog;
    private final JsonMapper json;
    private final Clock clock;
    private final ObjectProvider<MailboxHistory> histories;
    private final ApplicationEventPublisher events;

    MailboxService(JdbcClient jdbc, SendingDomainService domains, MailboxSecrets secrets, AuditLog auditLog,
            JsonMapper json, Clock clock, ObjectProvider<MailboxHistory> histories, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
        this.histories = histories;
        this.domains = domains;
        this.secrets = secrets;
        this.auditLog = auditLog;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public List<Mailbox> findAll() {
        LocalDate today = LocalDate.now(clock);
        return jdbc.sql(SELECT + " order by d.domain, m.address").query((rs, n) -> row(rs, today)).list();
    }

    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public Optional<Mailbox> find(long id) {
        LocalDate today = LocalDate.now(clock);
        return jdbc.sql(SELECT + " where m.id = :id").param("id", id).query((rs, n) -> row(rs, today)).optional();
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public Mailbox create(MailboxDraft draft) {
        Accepted accepted = validate(null, draft);
        Timestamp now = Timestamp.from(clock.instant());
        try {
            jdbc.sql("""
                    insert into mailbox (address, display_name, domain_id, smtp_host, smtp_port, smtp_security,
                                         smtp_username, smtp_password_enc, imap_host, imap_port, imap_security,
                                         imap_username, imap_password_enc, daily_cap, warmup_start_volume,
                                         warmup_daily_increase, warmup_started_on, active, created_at, updated_at)
                    values (:address, :displayName, :domainId, :smtpHost, :smtpPort, :smtpSecurity, :smtpUsername,
                            :smtpPassword, :imapHost, :imapPort, :imapSecurity, :imapUsername, :imapPassword,
                            :dailyCap, :warmupStart, :warmupIncrease, :warmupStartedOn, true, :now, :now)
                    """).params(accepted.columns(Map.of("now", now))).update();
        } catch (DuplicateKeyException race) {
            throw duplicate(accepted.address());
        }
        Mailbox created = byAddress(accepted.address());
        auditLog.record("mailbox.create", "mailbox", created.id(), null,
                describe(created, accepted.smtpPasswordChanged(), accepted.imapPasswordChanged()));
        return created;
    }

    /** Changes a mailbox's settings; its pause state and the IMAP poller's position stay as they are. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public Mailbox update(long id, MailboxDraft draft) {
        Mailbox before = load(id);
        Accepted accepted = validate(before, draft);
        try {
            jdbc.sql("""
                    update mailbox set address = :address, display_name = :displayName, domain_id = :domainId,
                           smtp_host = :smtpHost, smtp_port = :smtpPort, smtp_security = :smtpSecurity,
                           smtp_username = :smtpUsername, smtp_password_enc = :smtpPassword,
                           imap_host = :imapHost, imap_port = :imapPort, imap_security = :imapSecurity,
                           imap_username = :imapUsername, imap_password_enc = :imapPassword,
                           daily_cap = :dailyCap, warmup_start_volume = :warmupStart,
                           warmup_daily_increase = :warmupIncrease, warmup_started_on = :warmupStartedOn,
                           updated_at = :now
                    where id = :id
                    """).params(accepted.columns(Map.of("now", Timestamp.from(clock.instant()), "id", id))).update();
        } catch (DuplicateKeyException race) {
            throw duplicate(accepted.address());
        }
        Mailbox after = load(id);
        auditLog.record("mailbox.update", "mailbox", id, describe(before, false, false),
                describe(after, accepted.smtpPasswordChanged(), accepted.imapPasswordChanged()));
        return after;
    }

    /** Stops the mailbox from sending until an admin resumes it; replaces a pause by the health guard. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public Mailbox pause(long id, String reason) {
        String why = SendingDomainService.requireReason(reason);
        Mailbox before = load(id);
        if (before.paused() && !before.pausedByHealth()) {
            throw new InvalidInputException("status", before.address() + " is already paused: " + before.pausedReason());
        }
        jdbc.sql("""
                update mailbox set active = false, paused_reason = :reason, paused_at = :now, paused_by_health = false,
                       updated_at = :now
                where id = :id
                """).param("reason", why).param("now", Timestamp.from(clock.instant())).param("id", id).update();
        Mailbox after = load(id);
        events.publishEvent(new MailboxPaused(id, after.address(), false, describe(before, false, false),
                describe(after, false, false), clock.instant()));
        return after;
    }

    /** Lets the mailbox send again; the reason goes to the audit log. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public Mailbox resume(long id, String reason) {
        String why = SendingDomainService.requireReason(reason);
        Mailbox before = load(id);
        if (!before.paused()) {
            throw new InvalidInputException("status", before.address() + " is not paused");
        }
        jdbc.sql("""
                update mailbox set active = true, paused_reason = null, paused_at = null, paused_by_health = false,
                       updated_at = :now
                where id = :id
                """).param("now", Timestamp.from(clock.instant())).param("id", id).update();
        Mailbox after = load(id);
        Map<String, Object> values = values(after, false, false);
        values.put("resume_reason", why);
        events.publishEvent(new MailboxResumed(id, after.address(), false, describe(before, false, false),
                json.writeValueAsString(values), clock.instant()));
        return after;
    }

    /**
     * Deletes a mailbox that never sent anything. One that did is refused: its messages, replies
     * and reputation name it, and the history must keep saying who sent what. Pause it instead.
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void delete(long id) {
        Mailbox before = load(id);
        boolean used = histories.stream().anyMatch(history -> history.hasSentFrom(id));
        if (used) {
            throw new InvalidInputException("address", before.address()
                    + " has sent messages and stays in their history: pause it instead of deleting it");
        }
        jdbc.sql("delete from mailbox where id = :id").param("id", id).update();
        auditLog.record("mailbox.delete", "mailbox", id, describe(before, false, false), null);
    }

    /** A draft that passed every rule, as the mailbox columns to write. */
    private record Accepted(String address, Map<String, Object> values, boolean smtpPasswordChanged,
            boolean imapPasswordChanged) {

        /** The columns plus the statement's own parameters (time, id). */
        Map<String, Object> columns(Map<String, Object> more) {
            Map<String, Object> all = new java.util.HashMap<>(values);
            all.putAll(more);
            return all;
        }
    }

    private Accepted validate(Mailbox existing, MailboxDraft draft) {
        List<FieldError> errors = new ArrayList<>();
        String address = MailboxRules.normalizeAddress(draft.address());
        SendingDomain domain = draft.domainId() == null ? null : domains.find(draft.domainId()).orElse(null);
        if (domain == null) {
            errors.add(new FieldError("domainId", "Choose the sending domain"));
        }
        MailboxRules.address(address, domain, errors);
        if (!address.isEmpty() && jdbc.sql("select count(*) from mailbox where address = :address and id <> :id")
                .param("address", address).param("id", existing == null ? -1 : existing.id())
                .query(Integer.class).single() > 0) {
            errors.add(duplicate(address).errors().getFirst());
        }
        MailboxRules.displayName(draft.displayName(), errors);
        MailServerSettings smtp = draft.smtp() == null ? MailServerSettings.none() : draft.smtp();
        MailServerSettings imap = draft.imap() == null ? MailServerSettings.none() : draft.imap();
        MailboxRules.server(MailProtocol.SMTP, smtp, errors);
        boolean imapConfigured = !MailboxRules.blank(imap.host());
        if (imapConfigured) {
            MailboxRules.server(MailProtocol.IMAP, imap, errors);
            if (MailboxRules.blank(imap.username())) {
                errors.add(new FieldError("imapUsername", "Enter the IMAP user name (often the address)"));
            }
        } else if (imap.port() != null || !MailboxRules.blank(imap.username()) || imap.passwordGiven()) {
            errors.add(new FieldError("imapHost", "Enter the IMAP host, or clear the other IMAP fields"));
        }
        MailboxRules.caps(draft, errors);
        Secret smtpPassword = secret(existing, MailProtocol.SMTP, smtp, !MailboxRules.blank(smtp.username()), errors);
        Secret imapPassword = secret(existing, MailProtocol.IMAP, imap, imapConfigured, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("address", address);
        values.put("displayName", draft.displayName().strip());
        values.put("domainId", domain.id());
        server(values, MailProtocol.SMTP, smtp, smtpPassword);
        if (imapConfigured) {
            server(values, MailProtocol.IMAP, imap, imapPassword);
        } else {
            server(values, MailProtocol.IMAP, new MailServerSettings(null, null, ConnectionSecurity.SSL, null, null),
                    imapPassword);
        }
        values.put("dailyCap", draft.dailyCap());
        values.put("warmupStart", draft.warmupStartVolume());
        values.put("warmupIncrease", draft.warmupDailyIncrease());
        values.put("warmupStartedOn", draft.warmupStartedOn());
        return new Accepted(address, values, smtpPassword.changed(), imapPassword.changed());
    }

    /** What to store as a server's password, and whether that differs from what was stored. */
    private record Secret(String stored, boolean changed) {
    }

    /**
     * A typed password replaces the stored one; a blank one keeps it, but only for the same host
     * and user. A server without authentication (no SMTP user, no IMAP host) keeps no password.
     */
    private Secret secret(Mailbox existing, MailProtocol protocol, MailServerSettings server, boolean authenticates,
            List<FieldError> errors) {
        Optional<MailboxSecrets.Stored> stored = existing == null ? Optional.empty()
                : secrets.stored(existing.id(), protocol);
        boolean hadPassword = stored.filter(MailboxSecrets.Stored::hasPassword).isPresent();
        if (!authenticates) {
            return new Secret(null, hadPassword);
        }
        if (server.passwordGiven()) {
            return new Secret(secrets.encrypt(server.password()), true);
        }
        String field = protocol.prefix() + "Password";
        if (!hadPassword) {
            errors.add(new FieldError(field, "Enter the " + protocol + " password"));
            return new Secret(null, false);
        }
        if (!stored.get().sameServer(server.host(), server.username())) {
            errors.add(new FieldError(field, "Enter the password again: the " + protocol
                    + " host or user changed, and a stored password only goes to the server it was entered for"));
            return new Secret(null, false);
        }
        return new Secret(stored.get().passwordEnc(), false);
    }

    private static void server(Map<String, Object> values, MailProtocol protocol, MailServerSettings server,
            Secret password) {
        String p = protocol.prefix();
        values.put(p + "Host", DomainNames.normalize(server.host()));
        values.put(p + "Port", server.port());
        values.put(p + "Security", server.security().name());
        values.put(p + "Username", MailboxRules.blank(server.username()) ? null : server.username().strip());
        values.put(p + "Password", password.stored());
    }

    private static InvalidInputException duplicate(String address) {
        return new InvalidInputException("address", "Mailbox " + address + " already exists");
    }

    private Mailbox load(long id) {
        return find(id).orElseThrow(() -> new InvalidInputException("address", "No mailbox with id " + id));
    }

    private Mailbox byAddress(String address) {
        LocalDate today = LocalDate.now(clock);
        return jdbc.sql(SELECT + " where m.address = :address").param("address", address)
                .query((rs, n) -> row(rs, today)).single();
    }

    private String describe(Mailbox mailbox, boolean smtpPasswordChanged, boolean imapPasswordChanged) {
        return json.writeValueAsString(values(mailbox, smtpPasswordChanged, imapPasswordChanged));
    }

    /** The audit form of a mailbox: every setting, and for passwords only "(set)", "(none)" or "(changed)". */
    private static Map<String, Object> values(Mailbox mailbox, boolean smtpPasswordChanged, boolean imapPasswordChanged) {
        Map<String, Object> values = new TreeMap<>();
        values.put("address", mailbox.address());
        values.put("display_name", mailbox.displayName());
        values.put("domain", mailbox.domain());
        audit(values, "smtp", mailbox.smtp(), smtpPasswordChanged);
        audit(values, "imap", mailbox.imap(), imapPasswordChanged);
        values.put("daily_cap", mailbox.dailyCap());
        values.put("warmup_start_volume", mailbox.warmupStartVolume());
        values.put("warmup_daily_increase", mailbox.warmupDailyIncrease());
        values.put("warmup_started_on", mailbox.warmupStartedOn() == null ? null : mailbox.warmupStartedOn().toString());
        values.put("status", mailbox.status());
        values.put("paused_reason", mailbox.pausedReason());
        values.put("paused_by_health", mailbox.pausedByHealth());
        return values;
    }

    private static void audit(Map<String, Object> values, String prefix, Mailbox.Server server, boolean changed) {
        values.put(prefix + "_host", server.host());
        values.put(prefix + "_port", server.port());
        values.put(prefix + "_security", server.security() == null ? null : server.security().name());
        values.put(prefix + "_username", server.username());
        values.put(prefix + "_password", changed ? "(changed)" : server.passwordStored() ? "(set)" : "(none)");
    }

    private static final String SELECT = """
            select m.id, m.address, m.display_name, m.domain_id, d.domain, d.status as domain_status,
                   m.smtp_host, m.smtp_port, m.smtp_security, m.smtp_username, m.smtp_password_enc,
                   m.imap_host, m.imap_port, m.imap_security, m.imap_username, m.imap_password_enc,
                   m.daily_cap, m.warmup_start_volume, m.warmup_daily_increase, m.warmup_started_on,
                   m.active, m.paused_reason, m.paused_at, m.paused_by_health
            from mailbox m join sending_domain d on d.id = m.domain_id
            """;

    private static Mailbox row(ResultSet rs, LocalDate today) throws SQLException {
        java.sql.Date started = rs.getDate("warmup_started_on");
        Warmup warmup = new Warmup(rs.getInt("daily_cap"), rs.getInt("warmup_start_volume"),
                rs.getInt("warmup_daily_increase"), started == null ? null : started.toLocalDate());
        OptionalInt day = warmup.dayOn(today);
        Timestamp pausedAt = rs.getTimestamp("paused_at");
        return new Mailbox(rs.getLong("id"), rs.getString("address"), rs.getString("display_name"),
                rs.getLong("domain_id"), rs.getString("domain"), "PAUSED".equals(rs.getString("domain_status")),
                server(rs, "smtp"), server(rs, "imap"), warmup.targetCap(), warmup.startVolume(),
                warmup.dailyIncrease(), warmup.startedOn(), day.isPresent() ? day.getAsInt() : null,
                warmup.capOn(today), !rs.getBoolean("active"), rs.getString("paused_reason"),
                pausedAt == null ? null : pausedAt.toInstant(), rs.getBoolean("paused_by_health"));
    }

    private static Mailbox.Server server(ResultSet rs, String prefix) throws SQLException {
        int port = rs.getInt(prefix + "_port");
        Integer portOrNull = rs.wasNull() ? null : port;
        String password = rs.getString(prefix + "_password_enc");
        return new Mailbox.Server(rs.getString(prefix + "_host"), portOrNull,
                ConnectionSecurity.parse(rs.getString(prefix + "_security")).orElse(null),
                rs.getString(prefix + "_username"), password != null && !password.isEmpty());
    }
}
