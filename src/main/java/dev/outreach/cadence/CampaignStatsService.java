package dev.outreach.cadence;

import dev.outreach.campaign.EngineSettingsService;
import dev.outreach.outreach.WaitingMessages;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.Wording;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How campaigns are doing: the Campaigns list's figures, a campaign's overview (funnel in total,
 * per touch and per channel, and why its enrollments wait) and its daily activity. Read-only;
 * everyone signed in may read it. The SQL and what each stage means: {@link CampaignStatsQueries}.
 */
@Service
public class CampaignStatsService {

    /** Due enrollments whose tick decision the overview computes, at most (as the command center's dry run). */
    static final int DUE_EXAMINED = 5000;
    static final int MAX_DAYS = 366;
    static final String NOT_DUE = "Scheduled: the next touch is not due yet";
    static final String OUTBOX = "In the outbox: ";

    private final CampaignStatsQueries queries;
    private final TickPreview tickPreview;
    private final WaitingMessages waitingMessages;
    private final EngineSettingsService settings;
    private final Clock clock;

    CampaignStatsService(CampaignStatsQueries queries, TickPreview tickPreview, WaitingMessages waitingMessages,
            EngineSettingsService settings, Clock clock) {
        this.queries = queries;
        this.tickPreview = tickPreview;
        this.waitingMessages = waitingMessages;
        this.settings = settings;
        this.clock = clock;
    }

    /** The list's figures of each campaign asked for (one with no enrollment has zeros), in one query. */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public Map<Long, CampaignFigures> figures(Collection<Long> campaignIds) {
        Map<Long, CampaignFigures> figures = new LinkedHashMap<>();
        campaignIds.forEach(id -> figures.put(id, new CampaignFigures(0, 0, 0, 0, 0, null)));
        for (CampaignStatsQueries.ListRow row : queries.list(campaignIds)) {
            figures.put(row.campaignId(), new CampaignFigures(row.leads(), row.contacted(), row.replied(),
                    percent(row.replied(), row.contacted()), percent(row.bounced(), row.contacted()), row.lastActivity()));
        }
        return figures;
    }

    /** The campaign's funnel (its enrollments), the same per touch and channel (their messages), and its waiting reasons. */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public CampaignOverview overview(long campaignId) {
        Map<Integer, Funnel> byTouch = new TreeMap<>();
        Map<ChannelType, Funnel> byChannel = new EnumMap<>(ChannelType.class);
        for (CampaignStatsQueries.TouchChannel row : queries.byTouchAndChannel(campaignId)) {
            byTouch.merge(row.touch() + 1, row.funnel(), Funnel::plus);
            if (row.channel() != null) {
                byChannel.merge(row.channel(), row.funnel(), Funnel::plus);
            }
        }
        return new CampaignOverview(queries.total(campaignId), byTouch, byChannel, waitingReasons(campaignId));
    }

    /**
     * Why the campaign's enrollments and messages are not moving: for the due enrollments, the
     * tick's own decision ({@link TickPreview#dueReasons}); the enrollments not due yet; and the
     * campaign's messages waiting in the outbox, grouped as the command center groups them
     * ({@link WaitingMessages}). Largest first.
     */
    private Map<String, Long> waitingReasons(long campaignId) {
        Map<String, Long> reasons = new LinkedHashMap<>(tickPreview.dueReasons(campaignId, DUE_EXAMINED));
        long[] pending = queries.pendingTouches(campaignId, clock.instant());
        long examined = reasons.values().stream().mapToLong(Long::longValue).sum();
        if (pending[0] > examined) {
            reasons.merge("Due, beyond the " + Wording.count(examined, "enrollment") + " looked at: decided at the next ticks",
                    pending[0] - examined, Long::sum);
        }
        if (pending[1] > 0) {
            reasons.put(NOT_DUE, pending[1]);
        }
        waitingMessages.reasons(campaignId).forEach(r -> reasons.merge(OUTBOX + r.reason(), r.messages(), Long::sum));
        Map<String, Long> sorted = new LinkedHashMap<>();
        reasons.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /**
     * The campaign's last {@code days} days, oldest first, today included, in the campaign's time
     * zone (else the engine's): touches sent, first human opens, first replies per day.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public List<DailyActivity> daily(long campaignId, int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new InvalidInputException("days", "Give between 1 and " + MAX_DAYS + " days");
        }
        ZoneId zone = zone(campaignId);
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        LocalDate first = today.minusDays(days - 1L);
        Map<LocalDate, long[]> counts = new LinkedHashMap<>();
        for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
            counts.put(day, new long[3]);
        }
        for (CampaignStatsQueries.Slot slot : queries.daily(campaignId, first.atStartOfDay(zone).toInstant())) {
            LocalDate day = LocalDate.ofInstant(Instant.ofEpochSecond(slot.epochQuarter() * 900), zone);
            long[] day3 = counts.get(day);
            if (day3 != null) {
                day3[slot.series()] += slot.count();
            }
        }
        List<DailyActivity> activity = new ArrayList<>(counts.size());
        counts.forEach((day, c) -> activity.add(new DailyActivity(day, c[0], c[1], c[2])));
        return activity;
    }

    private ZoneId zone(long campaignId) {
        String name = queries.timeZone(campaignId).orElseGet(() -> settings.settings().defaultTimeZone());
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    static double percent(long part, long whole) {
        return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 10.0;
    }
}
