package dev.outreach.deliverability.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.outreach.deliverability.DeliverabilityHealth;
import dev.outreach.deliverability.EmailMetrics;
import dev.outreach.deliverability.EmailScore;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reference's {@code GET /email-health}: {@code {global, domains[], mailboxes[]}}, each with
 * score, status, throttle and the six counts of the rolling 24-hour window. Served to API keys
 * under {@code /api/v1/email-health} and to a signed-in console user at {@code /email-health}.
 */
@RestController
class EmailHealthController {

    private final DeliverabilityHealth health;

    EmailHealthController(DeliverabilityHealth health) {
        this.health = health;
    }

    record Metrics(long sent, long delivered, long bounced, long complained, long opened, long clicked) {
        static Metrics of(EmailMetrics m) {
            return new Metrics(m.sent(), m.delivered(), m.bounced(), m.complained(), m.opened(), m.clicked());
        }
    }

    record Global(int score, String status, String throttle, Metrics metrics) {
    }

    record Domain(String domain, int score, String status, String throttle, Metrics metrics, boolean active,
            @JsonProperty("paused_reason") String pausedReason, @JsonProperty("paused_by_health") boolean pausedByHealth) {
    }

    record Mailbox(@JsonProperty("from_email") String fromEmail, String domain, int score, String status, String throttle,
            Metrics metrics, boolean active, @JsonProperty("paused_reason") String pausedReason,
            @JsonProperty("auto_deactivated") boolean autoDeactivated, @JsonProperty("cap_today") int capToday,
            @JsonProperty("sent_today") int sentToday, @JsonProperty("warmup_day") Integer warmupDay,
            @JsonProperty("reduced_until") Instant reducedUntil, @JsonProperty("skip_reason") String skipReason) {
    }

    record EmailHealth(Global global, List<Domain> domains, List<Mailbox> mailboxes,
            @JsonProperty("no_healthy_mailbox") boolean noHealthyMailbox) {
    }

    @Operation(summary = "Email health: global, per sending domain and per mailbox reputation over the last 24 hours")
    @GetMapping({"/api/v1/email-health", "/email-health"})
    EmailHealth emailHealth() {
        DeliverabilityHealth.Report report = health.report();
        EmailScore global = report.global().score();
        return new EmailHealth(new Global(global.score(), name(global.status()), name(global.throttle()), Metrics.of(global.metrics())),
                report.domains().stream().map(d -> new Domain(d.domain(), d.score().score(), name(d.score().status()),
                        name(d.score().throttle()), Metrics.of(d.score().metrics()), d.active(), d.pausedReason(),
                        d.pausedByHealth())).toList(),
                report.mailboxes().stream().map(m -> new Mailbox(m.address(), m.domain(), m.score().score(),
                        name(m.score().status()), name(m.score().throttle()), Metrics.of(m.score().metrics()), m.active(),
                        m.pausedReason(), m.autoDeactivated(), m.capToday(), m.sentToday(), m.warmupDay(), m.reducedUntil(),
                        m.skipReason())).toList(),
                report.noHealthyMailbox());
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
