package dev.outreach.cadence.api;

import dev.outreach.cadence.CampaignFigures;
import dev.outreach.cadence.CampaignOverview;
import dev.outreach.cadence.CampaignStatsService;
import dev.outreach.cadence.DailyActivity;
import dev.outreach.campaign.CampaignService;
import dev.outreach.shared.NotFoundException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A campaign's figures over REST, as its Overview tab shows them: the list's figures, the funnel
 * in total, per touch and per channel, the waiting reasons, and the last {@code days} days. Here
 * rather than beside the other campaign endpoints because the figures live in the cadence module,
 * which depends on the campaign module. Every rule lives in {@link CampaignStatsService}.
 */
@RestController
@RequestMapping("/api/v1/campaigns")
class CampaignStatsApiController {

    private final CampaignService campaigns;
    private final CampaignStatsService stats;

    CampaignStatsApiController(CampaignService campaigns, CampaignStatsService stats) {
        this.campaigns = campaigns;
        this.stats = stats;
    }

    record CampaignStats(long campaignId, CampaignFigures figures, CampaignOverview overview, List<DailyActivity> daily) {
    }

    /** The campaign's figures, funnel and daily activity (30 days unless asked; 404 for a campaign that does not exist). */
    @GetMapping("/{id}/stats")
    CampaignStats stats(@PathVariable long id, @RequestParam(defaultValue = "30") int days) {
        campaigns.find(id).orElseThrow(() -> new NotFoundException("No campaign with id " + id));
        return new CampaignStats(id, stats.figures(List.of(id)).get(id), stats.overview(id), stats.daily(id, days));
    }
}
