package dev.outreach.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outreach.campaign.CampaignService;
import dev.outreach.lead.ImportOptions.Duplicates;
import dev.outreach.lead.ImportOptions.InvalidRows;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.support.PostgresIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class LeadPostgresIntegrationTests extends PostgresIntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    LeadService leads;
    @Autowired
    LeadImportService importer;
    @Autowired
    CampaignService campaigns;

    @Test
    void migrationsRunFromAnEmptySchemaIncludingThePostgresOnlyOnes() {
        List<String> versions = jdbc.sql("select version from " + SCHEMA
                + ".flyway_schema_history where success and version is not null order by installed_rank")
                .query(String.class).list();

        // every migration of db/migration/common and db/migration/postgresql, in order
        assertThat(versions).containsExactly("1", "1.1", "2", "3", "4", "5.2", "5.3", "5.4", "5.5", "5.6", "5.7", "5.8", "5.9", "6.1", "6.3", "6.4", "6.5", "6.6", "6.7", "6.8", "6.9", "7.1", "7.2", "7.3", "7.4", "7.5", "7.6", "7.7", "7.8");
        assertThat(jdbc.sql("select count(*) from pg_indexes where schemaname = :schema and indexname = 'ix_lead_search_trgm'")
                .param("schema", SCHEMA).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from sequence_step").query(Integer.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("select settings from channel_config where channel = 'EMAIL'").query(String.class).single())
                .as("V5_4: the seeded from_name nothing read is gone").isEqualTo("{}");
        assertThat(jdbc.sql("select count(*) from information_schema.columns where table_schema = :schema"
                        + " and table_name = 'lead' and column_name = 'campaign_id'")
                .param("schema", SCHEMA).query(Integer.class).single())
                .as("V5_5: a lead is in a campaign by its enrollment only").isZero();
    }

    @Test
    void aLeadRoundTripsThroughTheServiceAndTheDatabase() {
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("  Nora ");
        draft.setLastName("Quinn");
        draft.setEmail("Nora.Quinn@Quinn-Solar.com");
        draft.setLinkedin("https://www.linkedin.com/in/Nora-Quinn/");
        draft.setCompany("Quinn Solar");
        draft.setTitle("Founder");
        draft.setIndustry("Solar");
        draft.setTimeZone("America/Denver");
        draft.setEmployeeCount(14);
        draft.setAnnualRevenue(3_200_000L);

        long id = SystemActor.call(() -> leads.create(draft));
        LeadDetails stored = SystemActor.call(() -> leads.find(id)).orElseThrow();

        assertThat(stored.fields().getFirstName()).isEqualTo("Nora");
        assertThat(stored.fields().getEmail()).isEqualTo("Nora.Quinn@Quinn-Solar.com");
        assertThat(stored.linkedinId()).isEqualTo("nora-quinn");
        assertThat(stored.grade()).isEqualTo(Grade.A);
        assertThat(stored.gradeReasons()).contains("+30 target industry (Solar)");
        assertThat(jdbc.sql("select email_normalized from lead where id = :id").param("id", id)
                .query(String.class).single()).isEqualTo("nora.quinn@quinn-solar.com");

        LeadDraft sameEmail = new LeadDraft();
        sameEmail.setLastName("Other");
        sameEmail.setEmail("NORA.QUINN@quinn-solar.com");
        assertThatThrownBy(() -> SystemActor.call(() -> leads.create(sameEmail)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("A lead with this email already exists: Nora Quinn at Quinn Solar (#" + id + ")");
        LeadDraft sameProfile = new LeadDraft();
        sameProfile.setLastName("Other");
        sameProfile.setLinkedin("nora-quinn");
        assertThatThrownBy(() -> SystemActor.call(() -> leads.create(sameProfile)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("A lead with this LinkedIn profile already exists");
    }

    @Test
    void anImportThatEnrollsGetsTheNewLeadsIdsFromTheBatchInsert() throws IOException {
        long campaign = SystemActor.call(() -> campaigns.create("PG import", "enrolled by import", "America/Denver")).id();
        Path csv = Files.createTempFile("pg-import", ".csv");
        try {
            Files.writeString(csv, "Email,Company\numa@pg-import.com,Uma Co\nvic@pg-import.com,Vic Co\n");
            ImportReport report = SystemActor.call(() -> importer.importLeads(csv,
                    ColumnMapping.guess(List.of("Email", "Company")),
                    new ImportOptions(InvalidRows.IMPORT_VALID_ONLY, Duplicates.SKIP, "CSV", campaign, true), rows -> { }));

            assertThat(report.enrolled()).isEqualTo(2);
            assertThat(jdbc.sql("select l.email_normalized from enrollment e join lead l on l.id = e.lead_id"
                            + " where e.campaign_id = :campaign and e.outreach_sequence_step = 0 and e.status = 'COLD'")
                    .param("campaign", campaign).query(String.class).list())
                    .containsExactlyInAnyOrder("uma@pg-import.com", "vic@pg-import.com");
        } finally {
            Files.deleteIfExists(csv);
        }
    }
}
