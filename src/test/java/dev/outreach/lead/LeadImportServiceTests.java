package dev.outreach.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outreach.lead.ImportOptions.Duplicates;
import dev.outreach.lead.ImportOptions.InvalidRows;
import dev.outreach.lead.ImportReport.LineProblem;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest
@ActiveProfiles("test")
class LeadImportServiceTests {

    @Autowired
    LeadImportService importer;
    @Autowired
    LeadService leads;
    @Autowired
    JdbcClient jdbc;

    private final String token = Long.toString(System.nanoTime(), 36);
    private Path file;

    @AfterEach
    void deleteFile() throws IOException {
        Files.deleteIfExists(file);
    }

    @Test
    void duplicatesAreSkippedOrUpdatedAsChosenAndInFileRepeatsCountOnce() throws IOException {
        write("""
                Email,Company,Title,Industry
                ann@%1$s.com,Ann Co %1$s,Estimator,Roofing
                """);
        assertThat(run(Duplicates.SKIP).created()).isEqualTo(1);

        write("""
                Email,Company,Title,Industry
                ANN@%1$s.com,Ann Co %1$s,Owner,Roofing
                ben@%1$s.com,Ben Co %1$s,Owner,HVAC
                Ben@%1$s.com,Ben Co %1$s,CEO,HVAC
                """);
        ImportReport skipped = run(Duplicates.SKIP);
        assertThat(skipped.created()).isEqualTo(1);
        assertThat(skipped.skippedDuplicates()).isEqualTo(2);
        assertThat(titleOf("ann co " + token)).isEqualTo("Estimator");

        ImportReport updated = run(Duplicates.UPDATE);
        assertThat(updated.updated()).isEqualTo(3);
        assertThat(updated.created()).isZero();
        assertThat(titleOf("ann co " + token)).isEqualTo("Owner");
        assertThat(titleOf("ben co " + token)).isEqualTo("CEO");
        assertThat(gradeOf("ann co " + token)).isEqualTo(Grade.B);
    }

    @Test
    void spreadsheetExportsWithABomAndSemicolonsAreRead() throws IOException {
        write("\uFEFFFirst name;Last name;E-mail;Company\nCara;Diaz;cara@%1$s.com;Diaz Solar %1$s\n");

        CsvPreview preview = SystemActor.call(() -> importer.preview(file));

        assertThat(preview.headers()).containsExactly("First name", "Last name", "E-mail", "Company");
        assertThat(preview.guessedMapping().fieldsByHeader()).containsEntry("First name", LeadField.FIRST_NAME)
                .containsEntry("E-mail", LeadField.EMAIL);
        assertThat(run(Duplicates.SKIP).created()).isEqualTo(1);
    }

    @Test
    void aBrokenFileIsRefusedWithItsLineAndImportsNothing() throws IOException {
        write("""
                Email,Company
                dee@%1$s.com,Dee Co %1$s
                "eve@%1$s.com,Eve Co %1$s
                """);

        assertThatThrownBy(() -> SystemActor.call(() -> importer.preview(file))).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("file: CSV syntax error at line 3");
        assertThatThrownBy(() -> run(Duplicates.SKIP, List.of("Email", "Company"))).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("file: CSV syntax error at line 3, nothing was imported");
        assertThat(SystemActor.call(() -> leads.count(LeadFilter.all().withText("dee co " + token)))).isZero();
    }

    @Test
    void rowsWithTheWrongNumberOfColumnsOrBadNumbersAreReportedByLine() throws IOException {
        write("""
                Email,Company,Employees,Status
                fay@%1$s.com,Fay Co %1$s,12,New
                gil@%1$s.com,Gil Co %1$s
                hal@%1$s.com,Hal Co %1$s,about ten,New
                ida@%1$s.com,Ida Co %1$s,3,Sleeping
                """);

        ImportReport report = SystemActor.call(() -> importer.check(file, ColumnMapping.guess(
                List.of("Email", "Company", "Employees", "Status"))));

        assertThat(report.validRows()).isEqualTo(1);
        assertThat(report.problems()).extracting(LineProblem::toString).containsExactly(
                "Line 3: expected 4 columns, found 2",
                "Line 4, Employees: 'about ten' is not a whole number",
                "Line 5, Status: 'Sleeping' is not a lead status (New, Contacted, Engaged, Replied, Unsubscribed, Bounced, Disqualified)");
    }

    @Test
    void rowsTheDatabaseRefusesAreNamedByLineWithoutTheDatabasesSql() throws IOException {
        write("""
                Email,Company
                kim@%1$s.com,Kim Co %1$s
                lee@%1$s.com,Refused Co %1$s
                """);
        jdbc.sql("alter table lead add constraint ck_import_refused check (company not like 'Refused Co%')").update();
        try {
            assertThatThrownBy(() -> run(Duplicates.SKIP)).isInstanceOf(InvalidInputException.class)
                    .hasMessage("file: Lines 2 to 3: the database refused to save one of these rows, so nothing was"
                            + " imported. The details are in the application log.");
        } finally {
            jdbc.sql("alter table lead drop constraint ck_import_refused").update();
        }
        assertThat(SystemActor.call(() -> leads.count(LeadFilter.all().withText("kim co " + token)))).isZero();
    }

    @Test
    void aMappingWithoutAnyContactPointIsRefused() throws IOException {
        write("Company\nJo Co %1$s\n");

        assertThatThrownBy(() -> SystemActor.call(() -> importer.check(file, ColumnMapping.guess(List.of("Company")))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("mapping: Map at least one column to Email");
    }

    private ImportReport run(Duplicates duplicates) throws IOException {
        return run(duplicates, SystemActor.call(() -> importer.preview(file)).headers());
    }

    private ImportReport run(Duplicates duplicates, List<String> headers) {
        return SystemActor.call(() -> importer.importLeads(file, ColumnMapping.guess(headers),
                new ImportOptions(InvalidRows.IMPORT_VALID_ONLY, duplicates, "CSV", null, false), rows -> { }));
    }

    private String titleOf(String company) {
        return SystemActor.call(() -> leads.page(LeadFilter.all().withText(company), LeadSort.CREATED, true, 0, 1))
                .getFirst().title();
    }

    private Grade gradeOf(String company) {
        return SystemActor.call(() -> leads.page(LeadFilter.all().withText(company), LeadSort.CREATED, true, 0, 1))
                .getFirst().grade();
    }

    private void write(String csv) throws IOException {
        if (file == null) {
            file = Files.createTempFile("import-test", ".csv");
        }
        Files.writeString(file, csv.formatted(token), StandardCharsets.UTF_8);
    }
}
