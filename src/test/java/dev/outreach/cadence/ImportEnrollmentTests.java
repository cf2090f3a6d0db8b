package dev.outreach.cadence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outreach.campaign.CampaignService;
import dev.outreach.lead.ColumnMapping;
import dev.outreach.lead.ImportOptions;
import dev.outreach.lead.ImportOptions.Duplicates;
import dev.outreach.lead.ImportOptions.InvalidRows;
import dev.outreach.lead.ImportReport;
import dev.outreach.lead.LeadImportService;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.ActiveProfiles;

/** A CSV import that enrolls its leads in the campaign's sequence, run by an operator. */
@SpringBootTest
@ActiveProfiles("test")
class ImportEnrollmentTests {

    private static final List<String> HEADERS = List.of("Email", "Company", "Phone");

    @Autowired
    LeadImportService importer;
    @Autowired
    CampaignService campaigns;
    @Autowired
    JdbcClient jdbc;

    /** Keeps this test's leads and campaign apart in the shared database. */
    private final String token = Long.toString(System.nanoTime(), 36);
    private long campaignId;
    private Path file;

    @BeforeEach
    void createCampaign() {
        campaignId = SystemActor.call(() -> campaigns.create("Import " + token, "enrolled by import", "America/Chicago")).id();
    }

    @AfterEach
    void deleteFile() throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void importedLeadsWithAnEmailAreEnrolledAtTheirFirstTouchDueNow() throws IOException {
        write("""
                Email,Company,Phone
                ann@%1$s.com,Ann Co %1$s,
                ben@%1$s.com,Ben Co %1$s,
                ,Cal Co %1$s,+1 312 555 0100
                """);
        Instant before = Instant.now();

        ImportReport report = asOperator(() -> importer.importLeads(file, ColumnMapping.guess(HEADERS),
                options(Duplicates.SKIP, campaignId, true), rows -> { }));

        assertThat(report.created()).isEqualTo(3);
        assertThat(report.enrolled()).isEqualTo(2);
        List<Long> withEmail = leadIds("ann@" + token + ".com", "ben@" + token + ".com");
        List<EnrollmentRow> rows = enrollments();
        assertThat(rows).extracting(EnrollmentRow::leadId).containsExactlyInAnyOrderElementsOf(withEmail);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.step()).isZero();
            assertThat(row.status()).isEqualTo("COLD");
            assertThat(row.due().toInstant()).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
        });
        assertThat(jdbc.sql("select actor from audit_log where action = 'enrollment.enroll' and entity_id = :campaign")
                .param("campaign", Long.toString(campaignId)).query(String.class).list()).containsExactly("olivia");
    }

    @Test
    void updatedLeadsAreEnrolledTooAndLeadsAlreadyEnrolledKeepTheirEnrollment() throws IOException {
        write("""
                Email,Company,Phone
                dee@%1$s.com,Dee Co %1$s,
                """);
        asOperator(() -> importer.importLeads(file, ColumnMapping.guess(HEADERS),
                options(Duplicates.SKIP, null, false), rows -> { }));
        write("""
                Email,Company,Phone
                dee@%1$s.com,Dee Roofing %1$s,
                eve@%1$s.com,Eve Co %1$s,
                """);

        ImportReport first = asOperator(() -> importer.importLeads(file, ColumnMapping.guess(HEADERS),
                options(Duplicates.UPDATE, campaignId, true), rows -> { }));
        ImportReport again = asOperator(() -> importer.importLeads(file, ColumnMapping.guess(HEADERS),
                options(Duplicates.UPDATE, campaignId, true), rows -> { }));

        assertThat(first.updated()).isEqualTo(1);
        assertThat(first.enrolled()).isEqualTo(2);
        assertThat(again.enrolled()).isZero();
        assertThat(enrollments()).extracting(EnrollmentRow::leadId)
                .containsExactlyInAnyOrderElementsOf(leadIds("dee@" + token + ".com", "eve@" + token + ".com"));
    }

    @Test
    void withoutACampaignTheImportCreatesNoEnrollment() throws IOException {
        write("""
                Email,Company,Phone
                fay@%1$s.com,Fay Co %1$s,
                """);

        ImportReport report = asOperator(() -> importer.importLeads(file, ColumnMapping.guess(HEADERS),
                options(Duplicates.SKIP, null, false), rows -> { }));

        assertThat(report.created()).isEqualTo(1);
        assertThat(report.enrolled()).isZero();
        assertThat(enrollments()).isEmpty();
        assertThat(jdbc.sql("select count(*) from enrollment where lead_id in (:ids)")
                .param("ids", leadIds("fay@" + token + ".com")).query(Integer.class).single()).isZero();
    }

    @Test
    void aCampaignWithoutEnrollingIsRefusedByName() {
        assertThatThrownBy(() -> options(Duplicates.SKIP, campaignId, false))
                .isInstanceOfSatisfying(dev.outreach.shared.InvalidInputException.class,
                        e -> assertThat(e.getMessage()).startsWith("campaignId: Leads join a campaign by enrolling in it"));
    }

    @Test
    void enrollWithoutACampaignIsRefusedByNameAndImportsNothing() throws IOException {
        write("""
                Email,Company,Phone
                gil@%1$s.com,Gil Co %1$s,
                """);
        int enrollmentsBefore = jdbc.sql("select count(*) from enrollment").query(Integer.class).single();

        assertThatThrownBy(() -> asOperator(() -> importer.importLeads(file, ColumnMapping.guess(HEADERS),
                options(Duplicates.SKIP, null, true), rows -> { })))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("enroll: Choose a campaign to enroll the imported leads in, or import without enrolling them");

        assertThat(leadIds("gil@" + token + ".com")).isEmpty();
        assertThat(jdbc.sql("select count(*) from enrollment").query(Integer.class).single()).isEqualTo(enrollmentsBefore);
    }

    @Test
    void aRolledBackImportLeavesNoEnrollment() throws IOException {
        write("""
                Email,Company,Phone
                hal@%1$s.com,Hal Co %1$s,
                not-an-email,Ida Co %1$s,
                """);

        ImportReport report = asOperator(() -> importer.importLeads(file, ColumnMapping.guess(HEADERS),
                new ImportOptions(InvalidRows.IMPORT_NOTHING, Duplicates.SKIP, "CSV", campaignId, true), rows -> { }));

        assertThat(report.committed()).isFalse();
        assertThat(report.enrolled()).isZero();
        assertThat(leadIds("hal@" + token + ".com")).isEmpty();
        assertThat(enrollments()).isEmpty();
    }

    private record EnrollmentRow(long leadId, int step, String status, Timestamp due) {
    }

    private List<EnrollmentRow> enrollments() {
        return jdbc.sql("select lead_id, outreach_sequence_step, status, next_touch_due_at from enrollment"
                        + " where campaign_id = :campaign")
                .param("campaign", campaignId)
                .query((rs, n) -> new EnrollmentRow(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getTimestamp(4)))
                .list();
    }

    private List<Long> leadIds(String... emails) {
        return jdbc.sql("select id from lead where email_normalized in (:emails)").param("emails", List.of(emails))
                .query(Long.class).list();
    }

    private static ImportOptions options(Duplicates duplicates, Long campaignId, boolean enroll) {
        return new ImportOptions(InvalidRows.IMPORT_VALID_ONLY, duplicates, "CSV", campaignId, enroll);
    }

    private void write(String csv) throws IOException {
        if (file == null) {
            file = Files.createTempFile("import-enrollment", ".csv");
        }
        Files.writeString(file, csv.formatted(token), StandardCharsets.UTF_8);
    }

    /** Runs as the operator "olivia": operators may import and enroll. */
    private static <T> T asOperator(Supplier<T> work) {
        var authorities = List.of(new SimpleGrantedAuthority(Role.OPERATOR.authority()));
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated("olivia", null, authorities));
        try {
            return work.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
