package dev.outreach.cadence;

import dev.outreach.shared.Wording;
import dev.outreach.campaign.CampaignDetails;
import dev.outreach.campaign.CampaignPlans;
import dev.outreach.campaign.CampaignSenders;
import dev.outreach.campaign.CampaignService;
import dev.outreach.campaign.EngineSettings;
import dev.outreach.campaign.EngineSettingsService;
import dev.outreach.channel.ChannelConfigService;
import dev.outreach.channel.ChannelSettings;
import dev.outreach.channel.ratelimit.ChannelRateLimits;
import dev.outreach.deliverability.MailboxDirectory;
import dev.outreach.shared.ChannelType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dry-run plan: what the sequencer tick would do if it ran now, without writing anything.
 * It reads the same due enrollments and makes the same decision for each
 * ({@link TickDecision#decide}), then spreads the email touches over the mailboxes the
 * dispatcher would choose (the same rotation, health and caps) and names what binds: a
 * mailbox's or the channel's cap, the engagement gate, the send window, no healthy mailbox.
 * Content is not written, so an LLM is never called.
 */
@Service
public class TickPreview {

    /** One mailbox's share of the next tick's email. */
    public record MailboxLoad(String address, int planned, int sentToday, int capToday) {
    }

    /**
     * The plan; {@code more} means more enrollments are due than were examined; {@code campaigns}
     * splits the same figures by campaign (largest first; {@code campaignId} null: enrollments in
     * no campaign).
     */
    public record Preview(Instant at, int examined, boolean more, int wouldQueue, Map<String, Integer> byChannel,
            int gated, int waiting, int outsideWindow, int completed, Map<String, Integer> stops,
            List<MailboxLoad> mailboxes, List<String> binding, List<CampaignLine> campaigns) {
    }

    /** One campaign's share of the next tick: what its due enrollments would do. */
    public record CampaignLine(Long campaignId, String campaign, int examined, int wouldQueue, int gated, int waiting,
            int outsideWindow, int completed, int stopped) {
    }

    /** Words of what the next tick does with a due enrollment that is written (the one decision that is no wait). */
    static final String DUE_NOW = "Due: written to the outbox at the next tick";
    static final String NO_MAILBOX = "Waiting for a mailbox: no healthy mailbox may send";

    private final TickStore store;
    private final CampaignPlans campaignPlans;
    private final EngineSettingsService settingsService;
    private final MailboxDirectory mailboxes;
    private final ChannelRateLimits rateLimits;
    private final ChannelConfigService channels;
    private final CadenceProperties properties;
    private final Clock clock;

    private final CampaignService campaigns;

    TickPreview(TickStore store, CampaignPlans campaignPlans, EngineSettingsService settingsService, MailboxDirectory mailboxes,
            ChannelRateLimits rateLimits, ChannelConfigService channels, CadenceProperties properties, Clock clock,
            CampaignService campaigns) {
        this.campaigns = campaigns;
        this.properties = properties;
        this.store = store;
        this.campaignPlans = campaignPlans;
        this.settingsService = settingsService;
        this.mailboxes = mailboxes;
        this.rateLimits = rateLimits;
        this.channels = channels;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public Preview preview(int limit) {
        Instant now = clock.instant();
        EngineSettings settings = settingsService.settings();
        TickDecision.Times times = SequencerTick.times(now, settings, properties);
        Map<Long, CampaignDetails> active = campaignPlans.active();
        TickPlans plans = TickPlans.of(settings, store.sequences(), active);
        List<TickStore.Due> due = store.dueBatch(now, plans, limit, false);
        Map<String, Integer> stops = new TreeMap<>();
        Map<String, Integer> byChannel = new TreeMap<>();
        List<TickStore.Due> email = new ArrayList<>();
        int gated = 0;
        int waiting = 0;
        int outside = 0;
        int completed = 0;
        int queue = 0;
        Map<Long, int[]> perCampaign = new LinkedHashMap<>();
        for (TickStore.Due row : due) {
            TickDecision decision = TickDecision.decide(row, times, settings, plans.forRow(row.campaignId()).window());
            int[] line = perCampaign.computeIfAbsent(row.campaignId(), id -> new int[7]);
            line[0]++;
            line[switch (decision) {
                case TickDecision.Write write -> 1;
                case TickDecision.Gate gate -> 2;
                case TickDecision.Wait wait -> 3;
                case TickDecision.OutsideWindow opening -> 4;
                case TickDecision.Finish finish -> 5;
                case TickDecision.Stop stop -> 6;
            }]++;
            switch (decision) {
                case TickDecision.Stop(String reason) -> stops.merge(reason, 1, Integer::sum);
                case TickDecision.Finish finish -> completed++;
                case TickDecision.Gate gate -> gated++;
                case TickDecision.Wait wait -> waiting++;
                case TickDecision.OutsideWindow opening -> outside++;
                case TickDecision.Write write -> {
                    queue++;
                    String first = row.touch() == null ? null : row.touch().firstChannel();
                    byChannel.merge(first == null ? "none" : first, 1, Integer::sum);
                    if (ChannelType.EMAIL.name().equals(first)) {
                        email.add(row);
                    }
                }
            }
        }
        List<String> binding = new ArrayList<>();
        List<MailboxLoad> loads = spreadOverMailboxes(email, binding, active);
        if (gated > 0) {
            binding.add(Wording.count(gated, "final touch", "final touches") + " held by the engagement gate (no human open or click yet)");
        }
        if (outside > 0) {
            binding.add(Wording.count(outside, "touch", "touches") + " outside the lead's send window");
        }
        return new Preview(now, due.size(), due.size() == limit, queue, byChannel, gated, waiting, outside, completed,
                stops, loads, binding, campaignLines(perCampaign));
    }

    private List<CampaignLine> campaignLines(Map<Long, int[]> perCampaign) {
        if (perCampaign.isEmpty()) {
            return List.of();
        }
        Map<Long, String> names = new HashMap<>();
        campaigns.findAll().forEach(c -> names.put(c.id(), c.name()));
        return perCampaign.entrySet().stream()
                .map(e -> new CampaignLine(e.getKey(), e.getKey() == null ? "No campaign"
                        : names.getOrDefault(e.getKey(), "Campaign #" + e.getKey()), e.getValue()[0], e.getValue()[1],
                        e.getValue()[2], e.getValue()[3], e.getValue()[4], e.getValue()[5], e.getValue()[6]))
                .sorted(Comparator.comparingInt(CampaignLine::examined).reversed()).toList();
    }

    /**
     * Why one campaign's due enrollments are (not) moving, in words, with counts: the tick's own
     * decision for each of at most {@code limit} of them ({@link TickDecision#decide}, the rule the
     * tick carries out), and email touches that no healthy mailbox could send. Read-only.
     */
    Map<String, Long> dueReasons(long campaignId, int limit) {
        Instant now = clock.instant();
        EngineSettings settings = settingsService.settings();
        TickDecision.Times times = SequencerTick.times(now, settings, properties);
        Map<Long, CampaignDetails> active = campaignPlans.active();
        TickPlans plans = TickPlans.of(settings, store.sequences(), active);
        List<TickStore.Due> due = store.dueBatch(now, plans, limit, false, campaignId);
        Map<String, Long> reasons = new LinkedHashMap<>();
        if (due.isEmpty()) {
            return reasons;
        }
        boolean noMailbox = allowed(mailboxes.preview().eligible(), senders(active, campaignId)).isEmpty();
        for (TickStore.Due row : due) {
            TickDecision decision = TickDecision.decide(row, times, settings, plans.forRow(row.campaignId()).window());
            String words = words(decision);
            if (decision instanceof TickDecision.Write && noMailbox && row.touch() != null
                    && ChannelType.EMAIL.name().equals(row.touch().firstChannel())) {
                words = NO_MAILBOX;
            }
            reasons.merge(words, 1L, Long::sum);
        }
        return reasons;
    }

    /** One decision in the words the campaign's waiting reasons use. */
    static String words(TickDecision decision) {
        return switch (decision) {
            case TickDecision.Stop(String reason) -> "Stops at the next tick: " + reason;
            case TickDecision.Finish finish -> "Finishes at the next tick: every touch was made";
            case TickDecision.Gate gate -> "Gated for engagement: the touch waits for a human open or a click";
            case TickDecision.Wait(TickDecision.Hold hold, Instant until) -> switch (hold) {
                case CAMPAIGN_PAUSED -> "Paused: the campaign is not running";
                case FOLLOWUP_DELAY -> "Waiting for the adaptive delay: the follow-up is not due yet";
                default -> "Waiting: " + hold.words();
            };
            case TickDecision.OutsideWindow opening -> "Outside the send window: due at the window's next opening";
            case TickDecision.Write write -> DUE_NOW;
        };
    }

    /** The senders a campaign may use: its own when it ticks, every healthy mailbox without a campaign. */
    private static CampaignSenders senders(Map<Long, CampaignDetails> active, Long campaignId) {
        CampaignDetails campaign = campaignId == null ? null : active.get(campaignId);
        return campaign == null ? CampaignSenders.all() : campaign.senders();
    }

    /** The healthy mailboxes the senders allow, in the directory's order (what the dispatcher rotates over). */
    private static List<MailboxDirectory.EligibleMailbox> allowed(List<MailboxDirectory.EligibleMailbox> eligible,
            CampaignSenders senders) {
        return senders.allowsAll() ? eligible
                : eligible.stream().filter(m -> senders.allows(m.mailbox().id(), m.domainId())).toList();
    }

    /**
     * The email touches over the mailboxes as the dispatcher will pick them: each touch among its
     * campaign's senders ({@link CampaignSenders}), in the rotation of its lead, touch and cycle,
     * the first with room left today.
     */
    private List<MailboxLoad> spreadOverMailboxes(List<TickStore.Due> email, List<String> binding,
            Map<Long, CampaignDetails> active) {
        MailboxDirectory.Selection selection = mailboxes.preview();
        List<MailboxDirectory.EligibleMailbox> eligible = selection.eligible();
        Map<Long, List<MailboxDirectory.EligibleMailbox>> byCampaign = new HashMap<>();
        Map<Long, Integer> sentToday = rateLimits.mailboxSendsToday(eligible.stream().map(e -> e.mailbox().id()).toList());
        Map<Long, Integer> room = new HashMap<>();
        eligible.forEach(e -> room.put(e.mailbox().id(), Math.max(0, e.dailyCap() - sentToday.getOrDefault(e.mailbox().id(), 0))));
        Map<Long, Integer> planned = new LinkedHashMap<>();
        int full = 0;
        int noSender = 0;
        for (TickStore.Due row : email) {
            if (eligible.isEmpty()) {
                break;
            }
            List<MailboxDirectory.EligibleMailbox> allowed = row.campaignId() == null ? eligible
                    : byCampaign.computeIfAbsent(row.campaignId(), id -> allowed(eligible, senders(active, id)));
            if (allowed.isEmpty()) {
                noSender++;
                continue;
            }
            MailboxDirectory.EligibleMailbox chosen = MailboxDirectory.rotation(allowed, row.leadId(), row.step(), row.cycle())
                    .stream().filter(candidate -> room.get(candidate.mailbox().id()) > 0).findFirst().orElse(null);
            if (chosen == null) {
                full++;
                continue;
            }
            room.merge(chosen.mailbox().id(), -1, Integer::sum);
            planned.merge(chosen.mailbox().id(), 1, Integer::sum);
        }
        if (!email.isEmpty() && eligible.isEmpty()) {
            binding.add(Wording.count(email.size(), "email touch waits", "email touches wait") + ": no healthy mailbox ("
                    + (selection.skipped().isEmpty() ? "no mailbox is set up" : String.join("; ",
                            selection.skipped().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()))
                    + ")");
        }
        if (noSender > 0) {
            binding.add(Wording.count(noSender, "email touch waits", "email touches wait")
                    + ": the campaign's senders include no healthy mailbox");
        }
        if (full > 0) {
            binding.add(Wording.count(full, "email touch waits", "email touches wait") + ": every healthy mailbox reached its daily cap");
        }
        ChannelSettings settings = channels.get(ChannelType.EMAIL);
        ChannelRateLimits.ChannelUsage usage = rateLimits.channelUsage(ChannelType.EMAIL);
        int sendable = planned.values().stream().mapToInt(Integer::intValue).sum();
        int hourRoom = Math.max(0, settings.maxPerHour() - usage.thisHour());
        int dayRoom = Math.max(0, settings.maxPerDay() - usage.today());
        if (sendable > Math.min(hourRoom, dayRoom)) {
            binding.add(hourRoom <= dayRoom
                    ? "Email's hourly limit (" + settings.maxPerHour() + "): " + hourRoom + " of " + sendable
                            + " go out this hour, the rest in the next hours"
                    : "Email's daily limit (" + settings.maxPerDay() + "): " + dayRoom + " of " + sendable
                            + " go out today, the rest tomorrow");
        }
        return eligible.stream().map(e -> new MailboxLoad(e.mailbox().address(), planned.getOrDefault(e.mailbox().id(), 0),
                sentToday.getOrDefault(e.mailbox().id(), 0), e.dailyCap())).toList();
    }
}
