package dev.outreach.inbox;

import dev.outreach.cadence.CampaignFigures;
import dev.outreach.cadence.CampaignOverview;
import dev.outreach.cadence.CampaignStatsService;
import dev.outreach.cadence.Funnel;
import dev.outreach.campaign.CampaignService;
import dev.outreach.campaign.CampaignStatus;
import dev.outreach.campaign.CampaignSummary;
import dev.outreach.shared.ChannelType;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reply, positive-reply and meeting rates. Positive: the reply's label in force is INTERESTED or
 * MEETING_REQUEST; meeting: MEETING_REQUEST ({@link ReplyMetricsQueries#MEETING} is where a booked
 * meeting will count too). The denominators and reply counts are the campaign funnel's (contacted
 * leads for a campaign, contacted messages per touch and channel), so these rates never disagree
 * with the funnel beside them; a reply a provider reported, which has no text, counts as a reply
 * but never as positive.
 */
@Service
public class ReplyMetrics {

    private static final Set<CampaignStatus> RUNNING = Set.of(CampaignStatus.ACTIVE, CampaignStatus.PAUSED);

    /** A running campaign's line in the command center. */
    public record CampaignLine(long campaignId, String name, ReplyRates rates) {
    }

    /**
     * The running campaigns (ACTIVE and PAUSED), most contacted leads first, all of them together,
     * and how far people keep the classifier's labels.
     */
    public record Summary(List<CampaignLine> campaigns, ReplyRates all, Agreement agreement) {
    }

    private final ReplyMetricsQueries queries;
    private final CampaignService campaigns;
    private final CampaignStatsService stats;
    private final ReplyIntents intents;

    ReplyMetrics(ReplyMetricsQueries queries, CampaignService campaigns, CampaignStatsService stats, ReplyIntents intents) {
        this.queries = queries;
        this.campaigns = campaigns;
        this.stats = stats;
        this.intents = intents;
    }

    /**
     * The campaign's rates over the funnels of {@code overview}, its overview the caller has read
     * (the campaign page shows both; reading it again would double the page's cost).
     */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public CampaignReplyRates ofCampaign(long campaignId, CampaignOverview overview) {
        Map<Integer, long[]> touches = new HashMap<>();
        Map<ChannelType, long[]> channels = new EnumMap<>(ChannelType.class);
        for (ReplyMetricsQueries.TouchChannelCounts row : queries.byTouchAndChannel(campaignId)) {
            add(touches.computeIfAbsent(row.touch() + 1, touch -> new long[2]), row);
            if (row.channel() != null) {
                add(channels.computeIfAbsent(row.channel(), channel -> new long[2]), row);
            }
        }
        long[] total = queries.byCampaign(List.of(campaignId)).stream().findFirst()
                .map(row -> new long[] {row.positive(), row.meetings()}).orElse(new long[2]);
        Map<Integer, ReplyRates> byTouch = new TreeMap<>();
        overview.byTouch().forEach((touch, funnel) -> byTouch.put(touch, rates(funnel, touches.get(touch))));
        Map<ChannelType, ReplyRates> byChannel = new EnumMap<>(ChannelType.class);
        overview.byChannel().forEach((channel, funnel) -> byChannel.put(channel, rates(funnel, channels.get(channel))));
        return new CampaignReplyRates(rates(overview.total(), total), byTouch, byChannel);
    }

    /** The command center's figures: see {@link Summary}. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    public Summary summary() {
        List<CampaignSummary> running = campaigns.findAll().stream().filter(c -> RUNNING.contains(c.status())).toList();
        List<Long> ids = running.stream().map(CampaignSummary::id).toList();
        Map<Long, CampaignFigures> figures = stats.figures(ids);
        Map<Long, ReplyMetricsQueries.CampaignCounts> labelled = new HashMap<>();
        queries.byCampaign(ids).forEach(row -> labelled.put(row.campaignId(), row));
        ReplyRates all = ReplyRates.NONE;
        List<CampaignLine> lines = new java.util.ArrayList<>();
        for (CampaignSummary campaign : running) {
            CampaignFigures f = figures.get(campaign.id());
            ReplyMetricsQueries.CampaignCounts counts = labelled.get(campaign.id());
            ReplyRates rates = new ReplyRates(f.contacted(), f.replies(), counts == null ? 0 : counts.positive(),
                    counts == null ? 0 : counts.meetings());
            lines.add(new CampaignLine(campaign.id(), campaign.name(), rates));
            all = all.plus(rates);
        }
        lines.sort(Comparator.comparingLong((CampaignLine line) -> line.rates().contacted()).reversed()
                .thenComparing(CampaignLine::name));
        return new Summary(List.copyOf(lines), all, intents.agreement());
    }

    private static void add(long[] counts, ReplyMetricsQueries.TouchChannelCounts row) {
        counts[0] += row.positive();
        counts[1] += row.meetings();
    }

    private static ReplyRates rates(Funnel funnel, long[] labelled) {
        return new ReplyRates(funnel.contacted(), funnel.replied(), labelled == null ? 0 : labelled[0],
                labelled == null ? 0 : labelled[1]);
    }
}
