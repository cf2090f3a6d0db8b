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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports every file of {@code src/test/resources/csv-corpus} (CSV files shaped like what
 * spreadsheets, CRMs and lead tools really export) with the guessed mapping, and checks what its
 * {@code .expected} file says: the counts, every error and warning line (exactly those, each
 * message containing the expected text) and the values the database holds for chosen leads.
 * Each import runs in the test's transaction, rolled back afterwards.
 *
 * <p>{@code .expected} lines: {@code total|created|invalid: n}; {@code error|warning: line | column | text};
 * {@code lead column=value: column=value; ...} (an empty value means NULL); {@code absent column=value};
 * {@code refused: text} for a file the import refuses as a whole; {@code #} comments.
 */
@SpringBootTest
@ActiveProfiles("test")
@Transactional
class LeadImportCorpusTests {

    @Autowired
    LeadImportService importer;
    @Autowired
    JdbcClient jdbc;

    static Stream<String> corpus() throws IOException {
        return Arrays.stream(new PathMatchingResourcePatternResolver().getResources("classpath:csv-corpus/*.csv"))
                .map(Resource::getFilename).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void importsAsItsExpectedFileSays(String name) throws IOException {
        Path csv = Path.of(new PathMatchingResourcePatternResolver().getResource("classpath:csv-corpus/" + name).getURI());
        Expected expected = Expected.read(csv.resolveSibling(name.replace(".csv", ".expected")));

        if (expected.refused != null) {
            assertThatThrownBy(() -> SystemActor.call(() -> importer.preview(csv)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining(expected.refused);
            assertThatThrownBy(() -> SystemActor.call(() -> importer.importLeads(csv, new ColumnMapping(Map.of("Email",
                    LeadField.EMAIL)), options(), rows -> { }))).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(expected.refused);
            return;
        }
        ColumnMapping mapping = SystemActor.call(() -> importer.preview(csv)).guessedMapping();
        ImportReport report = SystemActor.call(() -> importer.importLeads(csv, mapping, options(), rows -> { }));

        assertThat(report.committed()).isTrue();
        expected.counts.forEach((count, value) -> assertThat(switch (count) {
            case "total" -> report.totalRows();
            case "created" -> report.created();
            case "invalid" -> report.invalidRows();
            default -> throw new IllegalArgumentException(count);
        }).as(count).isEqualTo(value));
        assertProblems("errors", report.problems(), expected.errors);
        assertProblems("warnings", report.warnings(), expected.warnings);
        expected.leads.forEach((key, values) -> {
            Map<String, Object> row = lead(key).orElseThrow(() -> new AssertionError("no lead with " + key));
            values.forEach((column, value) -> assertThat(row.get(column) == null ? "" : row.get(column).toString())
                    .as(key + ": " + column).isEqualTo(value));
        });
        expected.absent.forEach(key -> assertThat(lead(key)).as("lead with " + key).isEmpty());
    }

    private static void assertProblems(String what, List<LineProblem> actual, List<String[]> expected) {
        assertThat(actual).extracting(problem -> problem.line() + " | " + problem.column()).as(what)
                .containsExactlyElementsOf(expected.stream().map(e -> e[0] + " | " + e[1]).toList());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).message()).as(what + " " + actual.get(i)).contains(expected.get(i)[2]);
        }
    }

    private java.util.Optional<Map<String, Object>> lead(String key) {
        String[] columnValue = key.split("=", 2);
        if (!columnValue[0].matches("[a-z_]+")) {
            throw new IllegalArgumentException(key);
        }
        return jdbc.sql("select * from lead where " + columnValue[0] + " = :value").param("value", columnValue[1])
                .query().listOfRows().stream().findFirst();
    }

    private static ImportOptions options() {
        return new ImportOptions(InvalidRows.IMPORT_VALID_ONLY, Duplicates.SKIP, "CSV", null, false);
    }

    /** A corpus file's {@code .expected} file. */
    private static final class Expected {
        final Map<String, Integer> counts = new LinkedHashMap<>();
        final List<String[]> errors = new ArrayList<>();
        final List<String[]> warnings = new ArrayList<>();
        final Map<String, Map<String, String>> leads = new LinkedHashMap<>();
        final List<String> absent = new ArrayList<>();
        String refused;

        static Expected read(Path file) throws IOException {
            Expected expected = new Expected();
            for (String line : java.nio.file.Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String kind = line.substring(0, line.indexOf(' ')).replace(":", "");
                String rest = line.substring(line.indexOf(' ') + 1).strip();
                switch (kind) {
                    case "total", "created", "invalid" -> expected.counts.put(kind, Integer.valueOf(rest));
                    case "error" -> expected.errors.add(rest.split("\\s*\\|\\s*", 3));
                    case "warning" -> expected.warnings.add(rest.split("\\s*\\|\\s*", 3));
                    case "absent" -> expected.absent.add(rest);
                    case "refused" -> expected.refused = rest;
                    case "lead" -> {
                        Map<String, String> values = new LinkedHashMap<>();
                        for (String pair : rest.substring(rest.indexOf(": ") + 2).split(";\\s*")) {
                            String[] columnValue = pair.split("=", 2);
                            values.put(columnValue[0].strip(), columnValue[1].strip());
                        }
                        expected.leads.put(rest.substring(0, rest.indexOf(": ")), values);
                    }
                    default -> throw new IllegalArgumentException(file + ": " + line);
                }
            }
            return expected;
        }
    }
}
