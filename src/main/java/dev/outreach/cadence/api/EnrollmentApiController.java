package dev.outreach.cadence.api;

import dev.outreach.cadence.CampaignEnrollments;
import dev.outreach.cadence.EnrollResult;
import dev.outreach.cadence.EnrollmentJobProgress;
import dev.outreach.cadence.EnrollmentJobs;
import dev.outreach.cadence.EnrollmentPage;
import dev.outreach.cadence.EnrollmentQuery;
import dev.outreach.cadence.EnrollmentService;
import dev.outreach.lead.LeadFilter;
import dev.outreach.shared.InvalidInputException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A campaign's leads over REST: add by ids (answered at once with the counts) or by the leads
 * grid's filter (202 and a job to poll), remove, list with a status filter and a cursor. Every
 * rule and role check lives in the cadence services.
 */
@RestController
@RequestMapping("/api/v1")
class EnrollmentApiController {

    private final EnrollmentService enrollments;
    private final EnrollmentJobs jobs;
    private final CampaignEnrollments campaignEnrollments;

    EnrollmentApiController(EnrollmentService enrollments, EnrollmentJobs jobs, CampaignEnrollments campaignEnrollments) {
        this.enrollments = enrollments;
        this.jobs = jobs;
        this.campaignEnrollments = campaignEnrollments;
    }

    /** Exactly one of the two: lead ids, or the leads grid's filter (every lead matching it). */
    record AddRequest(List<Long> leadIds, LeadFilter filter) {
    }

    record LeadIds(List<Long> leadIds) {
    }

    record JobStarted(UUID jobId, String progress) {
    }

    record Removed(int removed) {
    }

    /**
     * Adds leads to the campaign by its enrollment policy. By ids: 200 with the counts (added,
     * already in, skipped as active in another campaign, skipped as unreachable). By filter: 202
     * with the job id; GET /api/v1/enrollment-jobs/{jobId} tells its progress and final counts.
     */
    @PostMapping("/campaigns/{campaignId}/enrollments")
    ResponseEntity<?> add(@PathVariable long campaignId, @RequestBody AddRequest request) {
        boolean byIds = request.leadIds() != null && !request.leadIds().isEmpty();
        if (byIds == (request.filter() != null)) {
            throw new InvalidInputException(byIds ? "filter" : "leadIds", "Give either leadIds or filter, not both");
        }
        if (byIds) {
            EnrollResult result = enrollments.enroll(campaignId, request.leadIds());
            return ResponseEntity.ok(result);
        }
        UUID job = jobs.startByFilter(campaignId, request.filter());
        String progress = "/api/v1/enrollment-jobs/" + job;
        return ResponseEntity.accepted().location(URI.create(progress)).body(new JobStarted(job, progress));
    }

    /** How far an add-by-filter job got; {@code finished} with an {@code error} means it stopped before the end. */
    @GetMapping("/enrollment-jobs/{jobId}")
    ResponseEntity<?> job(@PathVariable UUID jobId) {
        try {
            EnrollmentJobProgress progress = jobs.progress(jobId);
            return ResponseEntity.ok(progress);
        } catch (InvalidInputException e) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(Map.of("error", "No enrollment job " + jobId, "errors", e.errors()));
        }
    }

    /** Takes leads out of the campaign (ids in the body, or as {@code ?leadIds=1,2}); answers how many were in it. */
    @DeleteMapping("/campaigns/{campaignId}/enrollments")
    Removed remove(@PathVariable long campaignId, @RequestParam(required = false) List<Long> leadIds,
            @RequestBody(required = false) LeadIds body) {
        List<Long> ids = leadIds != null && !leadIds.isEmpty() ? leadIds : body == null ? null : body.leadIds();
        return new Removed(enrollments.remove(campaignId, ids));
    }

    /**
     * The campaign's enrollments by lead id, {@code size} (1 to 500) at a time; pass the answer's
     * {@code nextCursor} as {@code cursor} for the next page (null on the last). {@code status}:
     * COLD, ACTIVE, CONTACTED, REPLIED, STOPPED or PAUSED.
     */
    @GetMapping("/campaigns/{campaignId}/enrollments")
    EnrollmentPage list(@PathVariable long campaignId, @RequestParam(required = false) String status,
            @RequestParam(required = false) String cursor, @RequestParam(defaultValue = "50") int size) {
        return campaignEnrollments.page(campaignId, new EnrollmentQuery(status), cursor, size);
    }
}
