package dev.outreach.deliverability.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.outreach.deliverability.DeliverabilityHealth;
import dev.outreach.deliverability.EmailMetrics;
import dev.outreach.deliverability.EmailScore;
import dev.outreach.deliverability.RateInterval;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /email-health}: {@code {global, domains[], mailboxes[]}}, each with
 * score, status, throttle and the counts of the rolling 24-hour window (the six scored ones and
 * {@code deferred}), and the 95% intervals
 * of the bounce and complaint rates. Served to API keys
 * under {@code /api/v1/email-health} and to a signed-in console user at {@code /email-health}.
 */
@RestController
class EmailHealthController {

    private final DeliverabilityHealth health;

    EmailHealthController(DeliverabilityHealth health) {
        this.health = health;
    }

    /** {@code deferred}: temporary refusals by receiving servers, shown but not scored. */
    record Metrics(long sent, long delivered, long bounced, long complained, long opened, long clicked, long deferred) {
        static Metrics of(EmailMetrics m) {
            return new Metrics(m.sent(), m.delivered(), m.bounced(), m.complained(), m.opened(), m.clicked(), m.deferred());
        }
    }

    /** A rate's 95% interval, the evidence its status and throttle rest on. */
    record Interval(double lower, double upper) {
        static Interval of(RateInterval interval) {
            return new Interval(fraction(interval.lower()), fraction(interval.upper()));
        }

        /** To 0.01 percentage points: more digits would claim a precision the interval does not have. */
        private static double fraction(double value) {
            return Math.round(value * 10_000) / 10_000.0;
        }
    }

    record Global(int score, String status, String throttle, Metrics metrics,
            @JsonProperty("bounce_rate_ci") Interval bounceRate, @JsonProperty("complaint_rate_ci") Interval complaintRate) {
    }

    record Domain(String domain, int score, String status, String throttle, Metrics metrics, boolean active,
            @JsonProperty("paused_reason") String pausedReason, @JsonProperty("paused_by_health") boolean pausedByHealth,
            @JsonProperty("bounce_rate_ci") Interval bounceRate, @JsonProperty("complaint_rate_ci") Interval complaintRate) {
    }

    record Mailbox(@JsonProperty("from_email") String fromEmail, String domain, int score, String status, String throttle,
            Metrics metrics, boolean active, @JsonProperty("paused_reason") String pausedReason,
            @JsonProperty("auto_deactivated") boolean autoDeactivated, @JsonProperty("cap_today") int capToday,
            @JsonProperty("sent_today") int sentToday, @JsonProperty("warmup_day") Integer warmupDay,
            @JsonProperty("reduced_until") Instant reducedUntil, @JsonProperty("skip_reason") String skipReason,
            @JsonProperty("bounce_rate_ci") Interval bounceRate, @JsonProperty("complaint_rate_ci") Interval complaintRate) {
    }

    record EmailHealth(Global global, List<Domain> domains, List<Mailbox> mailboxes,
            @JsonProperty("no_healthy_mailbox") boolean noHealthyMailbox) {
    }

    @Operation(summary = "Email health: global, per sending domain and per mailbox reputation over the last 24 hours")
    @GetMapping({"/api/v1/email-health", "/email-health"})
    EmailHealth emailHealth() {
        DeliverabilityHealth.Report report = health.report();
        EmailScore global = report.global().score();
        return new EmailHealth(new Global(global.score(), name(global.status()), name(global.throttle()), Metrics.of(global.metrics()),
                Interval.of(global.bounceRate()), Interval.of(global.complaintRate())),
                report.domains().stream().map(d -> new Domain(d.domain(), d.score().score(), name(d.score().status()),
                        name(d.score().throttle()), Metrics.of(d.score().metrics()), d.active(), d.pausedReason(),
                        d.pausedByHealth(), Interval.of(d.score().bounceRate()), Interval.of(d.score().complaintRate())))
                        .toList(),
                report.mailboxes().stream().map(m -> new Mailbox(m.address(), m.domain(), m.score().score(),
                        name(m.score().status()), name(m.score().throttle()), Metrics.of(m.score().metrics()), m.active(),
                        m.pausedReason(), m.autoDeactivated(), m.capToday(), m.sentToday(), m.warmupDay(), m.reducedUntil(),
                        m.skipReason(), Interval.of(m.score().bounceRate()), Interval.of(m.score().complaintRate())))
                        .toList(),
                report.noHealthyMailbox());
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
