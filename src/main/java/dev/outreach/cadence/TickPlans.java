package dev.outreach.cadence;

import dev.outreach.campaign.CampaignDetails;
import dev.outreach.campaign.CampaignLimits;
import dev.outreach.campaign.CampaignSchedule;
import dev.outreach.campaign.CampaignTouch;
import dev.outreach.campaign.EngineSettings;
import dev.outreach.shared.ChannelType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plans one tick follows, read once per tick: each ACTIVE campaign's touches, schedule and
 * limits, and for enrollments without a campaign the engine settings' plan (max sequence steps
 * touches on the default sequence, the base delay, the gate on the final touch when required).
 */
final class TickPlans {

    /** One touch as the tick needs it; {@code emailFirst}: its sequence starts with email (adaptive tiers apply). */
    record TouchPlan(String messageType, Long sequenceId, String firstChannel, int delayHours, boolean gate,
            String emailTemplate) {

        boolean emailFirst() {
            return ChannelType.EMAIL.name().equals(firstChannel);
        }
    }

    /** A campaign's plan (campaignId null: the engine's plan for unbound enrollments). */
    record Plan(Long campaignId, List<TouchPlan> touches, SendWindow window, String timeZone, CampaignLimits limits) {

        TouchPlan touch(int step) {
            return step >= 0 && step < touches.size() ? touches.get(step) : null;
        }
    }

    private final Plan global;
    private final Map<Long, Plan> campaigns;
    private final int floorHours;

    private TickPlans(Plan global, Map<Long, Plan> campaigns, int floorHours) {
        this.global = global;
        this.campaigns = campaigns;
        this.floorHours = floorHours;
    }

    static TickPlans of(EngineSettings settings, TickStore.Sequences sequences, Map<Long, CampaignDetails> active) {
        List<TouchPlan> globalTouches = new ArrayList<>();
        int count = settings.maxSequenceSteps();
        for (int step = 0; step < count; step++) {
            String type = step == 0 ? "initial" : step >= count - 1 ? "final" : "follow_up";
            globalTouches.add(new TouchPlan(type, sequences.defaultId(), sequences.firstChannels().get(sequences.defaultId()),
                    step == 0 ? 0 : settings.baseFollowupDelayHours(),
                    settings.requireEngagementForFinalStep() && step == count - 1, null));
        }
        Plan global = new Plan(null, globalTouches, SendWindow.of(settings), settings.defaultTimeZone(), CampaignLimits.none());
        Map<Long, Plan> plans = new HashMap<>();
        // a campaign without a touch of its own (made before plans existed, by SQL) follows the engine's plan
        active.values().forEach(campaign -> plans.put(campaign.id(), campaign.touches().isEmpty()
                ? new Plan(campaign.id(), globalTouches, global.window(), campaign.schedule().timeZone(), CampaignLimits.none())
                : plan(campaign, sequences)));
        return new TickPlans(global, plans, settings.minFollowupDelayHours());
    }

    private static Plan plan(CampaignDetails campaign, TickStore.Sequences sequences) {
        List<TouchPlan> touches = new ArrayList<>();
        for (CampaignTouch touch : campaign.touches()) {
            touches.add(new TouchPlan(touch.contentType(), touch.sequenceId(), sequences.firstChannels().get(touch.sequenceId()),
                    touch.delayHours(), touch.engagementGate(), touch.templates().get(ChannelType.EMAIL)));
        }
        CampaignSchedule schedule = campaign.schedule();
        return new Plan(campaign.id(), touches, SendWindow.of(schedule), schedule.timeZone(), campaign.limits());
    }

    /** The campaign's plan when it is ACTIVE, the engine's for no campaign, null for a campaign that does not tick. */
    Plan of(Long campaignId) {
        return campaignId == null ? global : campaigns.get(campaignId);
    }

    /** The plan a row follows (the engine's for a campaign that does not tick: such a row only waits). */
    Plan forRow(Long campaignId) {
        Plan plan = of(campaignId);
        return plan == null ? global : plan;
    }

    /** Hours the touch waits after the previous one, for the lead's engagement {@code tier}: tiers and floor for email. */
    int delayHours(TouchPlan touch, int tier) {
        return touch.emailFirst() ? FollowupTiming.tierHours(touch.delayHours(), floorHours)[tier] : touch.delayHours();
    }

    /** The earliest a touch can be due after the previous one went out at {@code sentAt}. */
    Instant earliest(TouchPlan touch, Instant sentAt) {
        int hours = touch.emailFirst() ? FollowupTiming.shortestDelayHours(touch.delayHours(), floorHours) : touch.delayHours();
        return sentAt.plus(Duration.ofHours(hours));
    }

    /** The campaign's day (its time zone) that {@code at} falls on, for its daily limits. */
    static LocalDate day(Plan plan, Instant at) {
        return LocalDate.ofInstant(at, SendWindow.zone(plan.timeZone()));
    }

    /** The start of the campaign's next day: when a touch held back by a daily limit is looked at again. */
    static Instant nextDay(Plan plan, Instant at) {
        ZoneId zone = SendWindow.zone(plan.timeZone());
        return day(plan, at).plusDays(1).atStartOfDay(zone).toInstant();
    }
}
