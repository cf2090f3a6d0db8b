package dev.outreach.demo;

import dev.outreach.cadence.EnrollmentService;
import dev.outreach.shared.Wording;
import dev.outreach.campaign.CampaignService;
import dev.outreach.campaign.CampaignSummary;
import dev.outreach.deliverability.DemoSenders;
import dev.outreach.lead.ColumnMapping;
import dev.outreach.lead.ImportOptions;
import dev.outreach.lead.ImportReport;
import dev.outreach.lead.LeadFilter;
import dev.outreach.lead.LeadRow;
import dev.outreach.lead.LeadSort;
import dev.outreach.outreach.OutreachQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import dev.outreach.lead.LeadImportService;
import dev.outreach.lead.LeadService;
import dev.outreach.security.SystemActor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Seeds the embedded mode on first start (no leads yet): a demo campaign, demo senders and
 * realistic leads, imported through the same CSV pipeline operators use.
 */
@Component
@Order(10)
class DemoData implements ApplicationRunner {

    static final String CAMPAIGN = "Home services: spring tune-up";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final DemoDataProperties properties;
    private final CampaignService campaigns;
    private final DemoSenders senders;
    private final LeadService leads;
    private final LeadImportService importer;
    private final OutreachQueue outbox;
    private final EnrollmentService enrollments;
    private final Clock clock;

    DemoData(DemoDataProperties properties, CampaignService campaigns, DemoSenders senders, LeadService leads,
            LeadImportService importer, OutreachQueue outbox, EnrollmentService enrollments, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
        this.properties = properties;
        this.campaigns = campaigns;
        this.senders = senders;
        this.leads = leads;
        this.importer = importer;
        this.enrollments = enrollments;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.demoData()) {
            return;
        }
        SystemActor.run(this::seedIfEmpty);
    }

    private void seedIfEmpty() {
        if (leads.count(LeadFilter.all()) > 0) {
            return;
        }
        senders.createIfNoneExist();
        CampaignSummary campaign = campaigns.findAll().stream().filter(c -> c.name().equals(CAMPAIGN)).findFirst()
                .orElseGet(() -> campaigns.create(CAMPAIGN,
                        "Demo campaign: HVAC, plumbing, roofing, electrical and solar contractors", "America/Chicago"));
        Path csv = null;
        try {
            csv = Files.createTempFile("outreach-demo-leads", ".csv");
            DemoLeads.write(csv, properties.demoLeads());
            ImportReport report = importer.importLeads(csv, ColumnMapping.guess(DemoLeads.HEADERS),
                    new ImportOptions(ImportOptions.InvalidRows.IMPORT_VALID_ONLY, ImportOptions.Duplicates.SKIP,
                            "DEMO", null, false), rows -> { });
            log.info("Demo data: {} leads imported", report.created());
            queueTraffic();
            enrollInCampaign(campaign.id());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(csv);
        }
    }

    /**
     * Sandbox traffic, so that a new user sees mail go out and health move: first touches for
     * some demo leads, due over the next hours, sent by the dispatcher into the sandbox.
     */
    private void queueTraffic() {
        int count = properties.demoMessages();
        if (count <= 0) {
            return;
        }
        List<LeadRow> targets = leads.page(LeadFilter.all(), LeadSort.GRADE, false, 0, count);
        Instant now = clock.instant();
        int index = 0;
        for (LeadRow lead : targets) {
            if (lead.email() == null) {
                continue;
            }
            String company = lead.company() == null ? "your team" : lead.company();
            outbox.queue(lead.id(), "Quick question about " + Wording.possessive(company) + " spring tune-ups",
                    "Hi " + (lead.firstName() == null ? "there" : lead.firstName()) + ",\n\nWe help home-services teams like "
                            + company + " fill their spring schedule. Worth a short call next week?\n\nBest,\nThe demo team",
                    now.plusSeconds(5L * index++));
        }
        log.info("Demo data: {} first touches queued for the sandbox", index);
    }

    /**
     * The campaign's own life: the next best leads after those {@link #queueTraffic} reached are
     * enrolled, so the sequencer tick sends their touches in the send window, paced by the rate
     * limits, and their follow-ups days later.
     */
    private void enrollInCampaign(long campaignId) {
        int count = properties.demoEnrollments();
        if (count <= 0) {
            return;
        }
        List<Long> ids = leads.page(LeadFilter.all(), LeadSort.GRADE, false, Math.max(0, properties.demoMessages()), count)
                .stream().map(LeadRow::id).toList();
        int enrolled = enrollments.enrollWherePossible(ids, campaignId).enrolled();
        log.info("Demo data: {} leads enrolled in campaign '{}'", enrolled, CAMPAIGN);
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // a leftover temp file is harmless
        }
    }
}
