package dev.outreach.deliverability;

import dev.outreach.campaign.EngineSettingsService;
import dev.outreach.channel.Delivery.SendingMailbox;
import dev.outreach.channel.Delivery.SmtpEndpoint;
import dev.outreach.deliverability.EmailScore.Throttle;
import dev.outreach.shared.SecretCipher;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sender choice: which mailboxes may send now and with what
 * cap, and which one a given touch uses.
 *
 * <p>A mailbox is skipped when an admin or the health guard paused it or its domain, when its
 * domain's reputation throttle is PAUSED, or when {@link ReputationScoring#mailboxUnfit} finds the
 * mailbox unfit (PAUSED, or scored below {@code mailbox_health_threshold}). Its daily cap is the warm-up ramp's cap for today, halved while the mailbox or
 * its domain is REDUCED or the mailbox is within its reduced period after an automatic resume.
 * The domain's daily cap is halved likewise. Health is read live, so nothing is sent from an
 * unhealthy mailbox even before the health guard records the pause.
 */
@Service
public class MailboxDirectory {

    private final JdbcClient jdbc;
    private final SecretCipher secrets;
    private final ReputationService reputation;
    private final EngineSettingsService engine;
    private final Clock clock;

    MailboxDirectory(JdbcClient jdbc, SecretCipher secrets, ReputationService reputation, EngineSettingsService engine,
            Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.reputation = reputation;
        this.engine = engine;
        this.clock = clock;
    }

    /** A mailbox that may send now, with today's caps for the per-mailbox and per-domain rate limits. */
    public record EligibleMailbox(SendingMailbox mailbox, int dailyCap, long domainId, int domainDailyCap) {

        public EligibleMailbox(SendingMailbox mailbox, int dailyCap) {
            this(mailbox, dailyCap, 0, Integer.MAX_VALUE);
        }
    }

    /** The mailboxes that may send, in a stable order, and why each other mailbox may not (by address). */
    public record Selection(List<EligibleMailbox> eligible, Map<String, String> skipped) {

        public boolean noneEligible() {
            return eligible.isEmpty();
        }
    }

    /**
     * Mailboxes that may send now, in a stable order, and why each other one may not, with SMTP
     * passwords decrypted: for sending.
     */
    @Transactional(readOnly = true)
    public Selection select() {
        return select(reputation.getDomainHealthMap(), reputation.getMailboxHealthMap(), true);
    }

    /** The same decision without decrypting any password: for screens and plans that never send. */
    @Transactional(readOnly = true)
    public Selection preview() {
        return preview(reputation.getDomainHealthMap(), reputation.getMailboxHealthMap());
    }

    /** {@link #preview()} from health maps the caller has already read. */
    @Transactional(readOnly = true)
    public Selection preview(Map<String, EmailScore> domainHealth, Map<String, EmailScore> mailboxHealth) {
        return select(domainHealth, mailboxHealth, false);
    }

    private Selection select(Map<String, EmailScore> domainHealth, Map<String, EmailScore> mailboxHealth,
            boolean withSecrets) {
        int threshold = engine.mailboxHealthThreshold();
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<EligibleMailbox> eligible = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (Row row : rows()) {
            EmailScore domainScore = domainHealth.get(row.domain());
            EmailScore mailboxScore = mailboxHealth.get(row.address().toLowerCase(Locale.ROOT));
            Optional<String> reason = skipReason(row, domainScore, mailboxScore, threshold);
            if (reason.isPresent()) {
                skipped.put(row.address(), reason.get());
                continue;
            }
            boolean domainReduced = domainScore != null && domainScore.throttle() == Throttle.REDUCED;
            boolean mailboxReduced = (mailboxScore != null && mailboxScore.throttle() == Throttle.REDUCED)
                    || (row.reducedUntil() != null && row.reducedUntil().isAfter(now));
            int cap = Warmup.capOn(row.targetCap(), row.warmupStart(), row.warmupIncrease(), row.warmupStartedOn(), today);
            if (domainReduced || mailboxReduced) {
                cap = half(cap);
            }
            if (cap <= 0) {
                skipped.put(row.address(), "daily cap is 0");
                continue;
            }
            int domainCap = domainReduced ? half(row.domainCap()) : row.domainCap();
            eligible.add(new EligibleMailbox(new SendingMailbox(row.id(), row.address(), row.displayName(),
                    new SmtpEndpoint(row.smtpHost(), row.smtpPort(), row.smtpSecurity(), row.smtpUsername(),
                            withSecrets ? secrets.decrypt(row.smtpPasswordEnc()) : null)), cap, row.domainId(), domainCap));
        }
        return new Selection(List.copyOf(eligible), skipped);
    }

    /**
     * {@code selection} narrowed to one mailbox, for mail that may go from that one only (an
     * answer in a thread the mailbox sent): eligible when it may send, else skipped with its reason.
     */
    @Transactional(readOnly = true)
    public Selection only(Selection selection, long mailboxId) {
        Optional<EligibleMailbox> eligible = selection.eligible().stream().filter(m -> m.mailbox().id() == mailboxId)
                .findFirst();
        if (eligible.isPresent()) {
            return new Selection(List.of(eligible.get()), Map.of());
        }
        Optional<String> address = jdbc.sql("select address from mailbox where id = :id").param("id", mailboxId)
                .query(String.class).optional();
        return new Selection(List.of(), address.map(a -> Map.of(a, selection.skipped().getOrDefault(a, "may not send")))
                .orElseGet(() -> Map.of("mailbox " + mailboxId, "was removed")));
    }

    static Optional<String> skipReason(Row row, EmailScore domainScore, EmailScore mailboxScore, int threshold) {
        if (!row.domainActive()) {
            return Optional.of("domain " + row.domain() + " is paused" + because(row.domainPausedReason()));
        }
        if (!row.mailboxActive()) {
            return Optional.of("mailbox is paused" + because(row.mailboxPausedReason()));
        }
        return ReputationScoring.domainUnfit(domainScore).map(reason -> "domain " + row.domain() + " " + reason)
                .or(() -> ReputationScoring.mailboxUnfit(mailboxScore, threshold).map(reason -> "mailbox " + reason));
    }

    private static String because(String reason) {
        return reason == null || reason.isBlank() ? "" : ": " + reason;
    }

    private static int half(int cap) {
        return cap <= 1 ? cap : cap / 2;
    }

    /**
     * The rotation: a seed of lead id + touch + re-contact cycle x 7 picks where in
     * the list a touch starts; the rest of the list follows in order, for when the first
     * mailbox's cap is reached. The cycle's step is 7 unless 7 shares a factor with the number of
     * mailboxes (7, 14, ...), then 1, so that consecutive cycles never start on the same mailbox.
     */
    public static List<EligibleMailbox> rotation(List<EligibleMailbox> eligible, long leadId, int touch, int cycle) {
        int size = eligible.size();
        if (size == 0) {
            return List.of();
        }
        int cycleStep = size % 7 == 0 ? 1 : 7;
        int first = (int) Math.floorMod(leadId + touch + (long) cycle * cycleStep, (long) size);
        List<EligibleMailbox> order = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            order.add(eligible.get((first + i) % size));
        }
        return order;
    }

    /** The mailbox a touch starts with. */
    public static Optional<EligibleMailbox> choose(List<EligibleMailbox> eligible, long leadId, int touch, int cycle) {
        return rotation(eligible, leadId, touch, cycle).stream().findFirst();
    }

    record Row(long id, String address, String displayName, long domainId, String domain, boolean domainActive,
            String domainPausedReason, int domainCap, boolean mailboxActive, String mailboxPausedReason, int targetCap,
            int warmupStart, int warmupIncrease, LocalDate warmupStartedOn, Instant reducedUntil, String smtpHost,
            int smtpPort, String smtpSecurity, String smtpUsername, String smtpPasswordEnc) {
    }

    private List<Row> rows() {
        return jdbc.sql("""
                select m.id, m.address, m.display_name, d.id as domain_id, d.domain, d.status, d.paused_reason as domain_reason,
                       d.daily_cap as domain_cap, m.active, m.paused_reason, m.daily_cap, m.warmup_start_volume,
                       m.warmup_daily_increase, m.warmup_started_on, m.reduced_until, m.smtp_host, m.smtp_port,
                       m.smtp_security, m.smtp_username, m.smtp_password_enc
                from mailbox m join sending_domain d on d.id = m.domain_id
                order by m.id
                """).query((rs, n) -> {
                    java.sql.Date started = rs.getDate("warmup_started_on");
                    Timestamp reduced = rs.getTimestamp("reduced_until");
                    return new Row(rs.getLong("id"), rs.getString("address"), rs.getString("display_name"),
                            rs.getLong("domain_id"), rs.getString("domain").toLowerCase(Locale.ROOT),
                            "ACTIVE".equals(rs.getString("status")), rs.getString("domain_reason"), rs.getInt("domain_cap"),
                            rs.getBoolean("active") && rs.getString("paused_reason") == null, rs.getString("paused_reason"),
                            rs.getInt("daily_cap"), rs.getInt("warmup_start_volume"), rs.getInt("warmup_daily_increase"),
                            started == null ? null : started.toLocalDate(), reduced == null ? null : reduced.toInstant(),
                            rs.getString("smtp_host"), rs.getInt("smtp_port"), rs.getString("smtp_security"),
                            rs.getString("smtp_username"), rs.getString("smtp_password_enc"));
                }).list();
    }
}
