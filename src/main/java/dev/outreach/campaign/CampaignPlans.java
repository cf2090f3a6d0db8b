package dev.outreach.campaign;

import java.util.EnumSet;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The campaigns' plans as the engine's workers read them (the tick, the dispatcher, the
 * re-contact worker), without role checks: they run as the system. Read once per tick or batch.
 */
@Service
public class CampaignPlans {

    private final CampaignStore store;

    CampaignPlans(CampaignStore store) {
        this.store = store;
    }

    /** The ACTIVE campaigns by id, with their plans: the ones that tick. */
    @Transactional(readOnly = true)
    public Map<Long, CampaignDetails> active() {
        return store.withStatus(EnumSet.of(CampaignStatus.ACTIVE)).stream()
                .collect(Collectors.toMap(CampaignDetails::id, Function.identity()));
    }

    /** The senders a campaign may use (every healthy one when the campaign is unknown). */
    @Transactional(readOnly = true)
    public CampaignSenders senders(Long campaignId) {
        return campaignId == null ? CampaignSenders.all()
                : store.find(campaignId).map(CampaignDetails::senders).orElseGet(CampaignSenders::all);
    }
}
