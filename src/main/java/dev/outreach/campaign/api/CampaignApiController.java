package dev.outreach.campaign.api;

import dev.outreach.campaign.CampaignDetails;
import dev.outreach.campaign.CampaignDraft;
import dev.outreach.campaign.CampaignProblem;
import dev.outreach.campaign.CampaignService;
import dev.outreach.campaign.CampaignSummary;
import dev.outreach.shared.NotFoundException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Campaigns over REST; every rule and role check lives in {@link CampaignService}. */
@RestController
@RequestMapping("/api/v1/campaigns")
class CampaignApiController {

    private final CampaignService campaigns;

    CampaignApiController(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    record CloneRequest(String name) {
    }

    /** Campaigns by name; archived ones only with {@code archived=true}. */
    @GetMapping
    List<CampaignSummary> list(@RequestParam(defaultValue = "false") boolean archived) {
        return campaigns.findAll(archived);
    }

    @GetMapping("/{id}")
    CampaignDetails get(@PathVariable long id) {
        return found(id);
    }

    /** Creates a DRAFT campaign. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CampaignDetails create(@RequestBody CampaignDraft draft) {
        return campaigns.create(draft);
    }

    @PutMapping("/{id}")
    CampaignDetails update(@PathVariable long id, @RequestBody CampaignDraft draft) {
        return campaigns.update(id, draft);
    }

    /** What would keep the campaign from starting (empty: it may start). */
    @GetMapping("/{id}/start-problems")
    List<CampaignProblem> startProblems(@PathVariable long id) {
        return campaigns.startProblems(id);
    }

    /** Starts it, or answers 400 naming every problem. */
    @PostMapping("/{id}/start")
    CampaignDetails start(@PathVariable long id) {
        return campaigns.start(id);
    }

    @PostMapping("/{id}/pause")
    CampaignDetails pause(@PathVariable long id) {
        return campaigns.pause(id);
    }

    @PostMapping("/{id}/resume")
    CampaignDetails resume(@PathVariable long id) {
        return campaigns.resume(id);
    }

    /** Admin only. */
    @PostMapping("/{id}/archive")
    CampaignDetails archive(@PathVariable long id) {
        return campaigns.archive(id);
    }

    @PostMapping("/{id}/clone")
    @ResponseStatus(HttpStatus.CREATED)
    CampaignDetails copy(@PathVariable long id, @RequestBody CloneRequest request) {
        return campaigns.copy(id, request.name());
    }

    private CampaignDetails found(long id) {
        return campaigns.find(id).orElseThrow(() -> new NotFoundException("No campaign with id " + id));
    }
}
