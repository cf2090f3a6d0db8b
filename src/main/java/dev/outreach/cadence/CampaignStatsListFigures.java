package dev.outreach.cadence;

import dev.outreach.campaign.CampaignListFigures;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The Campaigns list's figures (campaign module) from the campaign statistics this module keeps. */
@Component
class CampaignStatsListFigures implements CampaignListFigures {

    private final CampaignStatsService stats;

    CampaignStatsListFigures(CampaignStatsService stats) {
        this.stats = stats;
    }

    @Override
    public Map<Long, Figures> figures(Collection<Long> campaignIds) {
        return stats.figures(campaignIds).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> {
            CampaignFigures f = entry.getValue();
            return new Figures(f.leads(), f.contacted(), f.replies(), f.replyRate(), f.bounceRate(), f.lastActivity());
        }));
    }
}
