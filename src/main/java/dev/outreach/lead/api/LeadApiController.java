package dev.outreach.lead.api;

import dev.outreach.lead.BulkUpsertReport;
import dev.outreach.lead.Grade;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadFilter;
import dev.outreach.lead.LeadRow;
import dev.outreach.lead.LeadSearchPage;
import dev.outreach.lead.LeadSelection;
import dev.outreach.lead.LeadService;
import dev.outreach.lead.LeadStatus;
import dev.outreach.shared.IdempotentRequests;
import dev.outreach.shared.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Leads over REST: every rule (validation, duplicates, who may delete) lives in {@link LeadService},
 * the console's door to leads; this class only maps JSON and HTTP onto it.
 */
@Tag(name = "Leads")
@RestController
@RequestMapping("/api/v1/leads")
class LeadApiController {

    private final LeadService leads;
    private final LeadJson json;
    private final IdempotentRequests idempotent;

    LeadApiController(LeadService leads, LeadJson json, IdempotentRequests idempotent) {
        this.leads = leads;
        this.json = json;
        this.idempotent = idempotent;
    }

    /** A page of the search: the leads, and the cursor and link of the next page (null on the last). */
    record LeadPage(List<LeadRow> leads, String next, String nextUrl) {
    }

    /** Only for the OpenAPI description: the bulk body's shape. */
    record BulkUpsertBody(List<LeadDraft> leads) {
    }

    @Operation(summary = "One lead, with its grade and why")
    @GetMapping("/{id}")
    LeadResource get(@PathVariable long id) {
        return leads.find(id).map(LeadResource::of).orElseThrow(() -> notFound(id));
    }

    @Operation(summary = "Search leads with the leads grid's filters, newest first, by cursor",
            description = "Pass the previous page's 'next' as cursor; the last page has next = null. Leads created while"
                    + " paging do not repeat or shift the pages still to come. size: 1 to 500.")
    @GetMapping
    ResponseEntity<LeadPage> search(@RequestParam(required = false) String text,
            @RequestParam(required = false) LeadStatus status, @RequestParam(required = false) Grade grade,
            @RequestParam(required = false) Long campaignId, @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") int size, HttpServletRequest request) {
        LeadFilter filter = LeadFilter.all().withText(text).withStatus(status).withGrade(grade).withCampaign(campaignId);
        LeadSearchPage page = leads.search(filter, cursor, size);
        // the client's query as it sent it (already encoded), with the cursor, which is URL-safe base64
        String nextUrl = page.next().map(next -> UriComponentsBuilder.fromPath(request.getRequestURI())
                .query(request.getQueryString()).replaceQueryParam("cursor", next).build().toUriString())
                .orElse(null);
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        if (nextUrl != null) {
            ok.header(HttpHeaders.LINK, "<" + nextUrl + ">; rel=\"next\"");
        }
        return ok.body(new LeadPage(page.leads(), page.next().orElse(null), nextUrl));
    }

    @Operation(summary = "Create a lead", description = "Validated like the console's form; 400 names each bad field."
            + " Honours an Idempotency-Key header.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = LeadDraft.class)))
    @PostMapping
    ResponseEntity<LeadResource> create(@RequestBody JsonNode body,
            @Parameter(description = "A key of your own: a replay with it returns the first answer and changes nothing")
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key) {
        LeadDraft draft = json.draft(body);
        var answer = idempotent.once(key, "POST /api/v1/leads", body, LeadResource.class,
                () -> leads.find(leads.create(draft)).map(LeadResource::of).orElseThrow());
        return ResponseEntity.created(URI.create("/api/v1/leads/" + answer.body().id()))
                .header(IdempotentRequests.REPLAYED_HEADER, Boolean.toString(answer.replayed())).body(answer.body());
    }

    @Operation(summary = "Change some fields of a lead", description = "Fields left out keep their value, a field set"
            + " to null is cleared; the result is validated like the console's form.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = LeadDraft.class)))
    @PatchMapping("/{id}")
    LeadResource update(@PathVariable long id, @RequestBody JsonNode body) {
        return LeadResource.of(leads.edit(id, draft -> json.patch(draft, body)));
    }

    @Operation(summary = "Delete a lead (ADMIN keys only; its enrollments and messages go with it)")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        if (leads.delete(LeadSelection.of(List.of(id))) == 0) {
            throw notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Create or update up to 1,000 leads by email",
            description = "Each row is validated; the answer says per row (line from 1) CREATED, UPDATED or ERROR with"
                    + " the fields. Good rows are stored even when others are refused. Honours an Idempotency-Key"
                    + " header: a replay with the same key and body returns the first answer and changes nothing;"
                    + " the same key with another body is refused with 422.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = BulkUpsertBody.class)))
    @PostMapping("/bulk")
    ResponseEntity<BulkUpsertReport> bulk(@RequestBody JsonNode body,
            @Parameter(description = "A key of your own: a replay with it returns the first answer and changes nothing")
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key) {
        List<LeadDraft> rows = json.rows(body);
        var answer = idempotent.once(key, "POST /api/v1/leads/bulk", body, BulkUpsertReport.class,
                () -> leads.bulkUpsert(rows));
        return ResponseEntity.status(HttpStatus.OK)
                .header(IdempotentRequests.REPLAYED_HEADER, Boolean.toString(answer.replayed())).body(answer.body());
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("No lead with id " + id);
    }
}
