package dev.outreach.lead;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.security.Role;
import dev.outreach.support.KaribuTest;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class LeadExportTests extends KaribuTest {

    @Autowired
    LeadService leads;
    @Autowired
    LeadExportService export;

    @Test
    void exportNeutralizesFormulaCellsAndKeepsTheFilter() throws Exception {
        login("olivia", Role.OPERATOR);
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("=HYPERLINK(\"http://evil.example/x\",\"Click\")");
        draft.setLastName("+cmd|' /C calc'!A0");
        draft.setCompany("@SUM(1+1) Heating");
        draft.setEmail("formula@evil-hvac.com");
        draft.setNotes("-2+3");
        leads.create(draft);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        export.exportCsv(LeadFilter.all().withText("formula@evil-hvac.com"), CsvEncoding.UTF_8, out);

        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(out.toString(StandardCharsets.UTF_8))).getRecords();
        assertThat(rows).hasSize(1);
        CSVRecord row = rows.getFirst();
        assertThat(row.get("First name")).isEqualTo("'=HYPERLINK(\"http://evil.example/x\",\"Click\")");
        assertThat(row.get("Last name")).isEqualTo("'+cmd|' /C calc'!A0");
        assertThat(row.get("Company")).isEqualTo("'@SUM(1+1) Heating");
        assertThat(row.get("Notes")).isEqualTo("'-2+3");
        assertThat(row.get("Email")).isEqualTo("formula@evil-hvac.com");
        assertThat(row.toList()).noneMatch(cell -> !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0);
    }

    @Test
    void theExcelExportStartsWithAByteOrderMarkAndKeepsAccentsAndImportsBack() throws Exception {
        login("olivia", Role.OPERATOR);
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("Jürgen");
        draft.setLastName("Müller-Łukasiewicz");
        draft.setCompany("Ferretería Muñoz");
        draft.setEmail("juergen@bom-export-test.com");
        leads.create(draft);
        LeadFilter one = LeadFilter.all().withText("juergen@bom-export-test.com");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        export.exportCsv(one, CsvEncoding.UTF_8_WITH_BOM, out);

        byte[] bytes = out.toByteArray();
        assertThat(java.util.Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertThat(text).startsWith("Id,First name").contains("Jürgen,Müller-Łukasiewicz")
                .contains("Ferretería Muñoz");
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        export.exportCsv(one, CsvEncoding.UTF_8, plain);
        assertThat(plain.toByteArray()[0]).isEqualTo((byte) 'I');

        java.nio.file.Path file = java.nio.file.Files.createTempFile("export-bom", ".csv");
        try {
            java.nio.file.Files.write(file, bytes);
            CsvPreview preview = importer.preview(file);
            assertThat(preview.headers().getFirst()).isEqualTo("Id");
            assertThat(importer.check(file, preview.guessedMapping()).duplicateRows()).isEqualTo(1);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Autowired
    LeadImportService importer;

    @Test
    void anExportedFileImportsBackCleanlyWithEveryLeadRecognizedAsExisting() throws Exception {
        login("olivia", Role.OPERATOR);
        LeadFilter gradeA = LeadFilter.all().withGrade(Grade.A);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("export", ".csv");
        try (var out = java.nio.file.Files.newOutputStream(file)) {
            export.exportCsv(gradeA, CsvEncoding.UTF_8, out);
        }
        try {
            CsvPreview preview = importer.preview(file);
            ColumnMapping mapping = preview.guessedMapping();
            assertThat(mapping.fieldsByHeader().values()).containsAll(java.util.EnumSet.complementOf(
                    java.util.EnumSet.of(LeadField.FULL_NAME)));

            ImportReport report = importer.check(file, mapping);

            assertThat(report.problems()).isEmpty();
            assertThat(report.totalRows()).isEqualTo(leads.count(gradeA)).isPositive();
            assertThat(report.duplicateRows()).isEqualTo(report.totalRows());
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }
}
