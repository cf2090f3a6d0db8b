package dev.outreach.console;

import dev.outreach.cadence.DueTouches;
import dev.outreach.cadence.RecontactStats;
import dev.outreach.cadence.TickPreview;
import dev.outreach.deliverability.DeliverabilityHealth;
import dev.outreach.deliverability.EmailMetrics;
import dev.outreach.inbox.ReplyMetrics;
import dev.outreach.outreach.ChannelMetrics;
import dev.outreach.outreach.OutreachService;
import dev.outreach.outreach.WaitingMessages;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * What the command center shows, in one read: channel metrics for today and the last 7 days,
 * domain health, re-contact stats, touches due today, why messages are waiting and a dry run of
 * the next sequencer tick, the running campaigns' reply rates and the classifier's agreement with
 * people. The view and
 * the JSON endpoint both use it.
 */
@Service
public class CommandCenter {

    /** One domain's line of the health summary. */
    public record DomainSummary(String domain, boolean active, int score, String status, String throttle) {
    }

    /**
     * {@code email24h} is the email count of the last 24 hours as Email health shows it: the
     * reputation window (this hour and the 23 before, UTC) owns it, so that both screens agree;
     * {@code today} counts the other channels' messages of the last 24 hours. {@code inReview}
     * counts the messages in doubt that the review screen lists. {@code replies}: the running
     * campaigns' reply, positive-reply and meeting rates and the classifier's agreement with people.
     */
    public record Snapshot(ChannelMetrics today, ChannelMetrics week, List<DomainSummary> domains,
            boolean noHealthyMailbox, RecontactStats.Stats recontactStats, long dueToday,
            List<WaitingMessages.Reason> waiting, TickPreview.Preview nextTick, EmailMetrics email24h,
            int inReview, ReplyMetrics.Summary replies) {
    }

    /** Enrollments the dry run of the next tick looks at, at most. */
    static final int PREVIEW_LIMIT = 5000;

    private final OutreachService outreach;
    private final DeliverabilityHealth health;
    private final RecontactStats recontact;
    private final DueTouches due;
    private final WaitingMessages waiting;
    private final TickPreview tickPreview;
    private final ReplyMetrics replyMetrics;

    CommandCenter(OutreachService outreach, DeliverabilityHealth health, RecontactStats recontact, DueTouches due,
            WaitingMessages waiting, TickPreview tickPreview, ReplyMetrics replyMetrics) {
        this.replyMetrics = replyMetrics;
        this.tickPreview = tickPreview;
        this.outreach = outreach;
        this.health = health;
        this.recontact = recontact;
        this.due = due;
        this.waiting = waiting;
    }

    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public Snapshot snapshot() {
        DeliverabilityHealth.Report report = health.report();
        List<DomainSummary> domains = report.domains().stream()
                .map(d -> new DomainSummary(d.domain(), d.active(), d.score().score(), name(d.score().status()),
                        name(d.score().throttle())))
                .toList();
        return new Snapshot(outreach.channelMetrics(null, 1), outreach.channelMetrics(null, 7), domains,
                report.noHealthyMailbox(), recontact.stats(), due.dueToday(), waiting.reasons(),
                tickPreview.preview(PREVIEW_LIMIT), report.global().score().metrics(),
                outreach.reviewCount(), replyMetrics.summary());
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }
}
