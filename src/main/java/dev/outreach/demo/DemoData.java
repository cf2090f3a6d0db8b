package dev.outreach.demo;

import dev.outreach.campaign.CampaignService;
import dev.outreach.campaign.CampaignSummary;
import dev.outreach.deliverability.DemoSenders;
import dev.outreach.lead.ColumnMapping;
import dev.outreach.lead.ImportOptions;
import dev.outreach.lead.ImportReport;
import dev.outreach.lead.LeadFilter;
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

    DemoData(DemoDataProperties properties, CampaignService campaigns, DemoSenders senders, LeadService leads,
            LeadImportService importer) {
        this.properties = properties;
        this.campaigns = campaigns;
        this.senders = senders;
        this.leads = leads;
        this.importer = importer;
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
                            "DEMO", campaign.id()), rows -> { });
            log.info("Demo data: {} leads in campaign '{}'", report.created(), CAMPAIGN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(csv);
        }
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
