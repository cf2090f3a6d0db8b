package dev.outreach.lead;

import dev.outreach.lead.ImportOptions.Duplicates;
import dev.outreach.lead.ImportOptions.InvalidRows;
import dev.outreach.lead.ImportReport.LineProblem;
import dev.outreach.shared.InvalidInputException;
import java.io.IOException;
import java.io.BufferedReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * CSV import of leads. The file is streamed record by record (never held in memory) and
 * written in batches; the whole import is one transaction, so it lands entirely or, on a
 * crash or with "import nothing" and a bad row, not at all. That includes the enrollments
 * an import with {@link ImportOptions#enroll()} makes batch by batch.
 */
@Service
@PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
public class LeadImportService {

    static final int PREVIEW_ROWS = 5;
    static final String EMPTY_FILE = "This is an empty file: it has no header line and no rows to import";
    static final String NO_DATA_ROWS = "The file has a header line but no data rows to import";

    private final LeadValidator validator;
    private final LeadImportBatch.Factory batches;
    private final LeadCountCache counts;
    private final TransactionTemplate transaction;
    private final int batchSize;

    LeadImportService(LeadValidator validator, LeadImportBatch.Factory batches, LeadCountCache counts,
            PlatformTransactionManager transactionManager,
            @Value("${outreach.leads.import-batch-size:500}") int batchSize) {
        this.validator = validator;
        this.batches = batches;
        this.counts = counts;
        this.transaction = new TransactionTemplate(transactionManager);
        this.batchSize = batchSize;
    }

    /** Headers, a guessed mapping and the first rows of the file. */
    public CsvPreview preview(Path file) {
        try (CSVParser parser = open(file)) {
            List<String> headers = parser.getHeaderNames();
            requireHeaders(headers);
            try {
                List<List<String>> rows = parser.stream().filter(record -> !isBlank(record)).limit(PREVIEW_ROWS)
                        .map(CSVRecord::toList).toList();
                if (rows.isEmpty()) {
                    throw new InvalidInputException("file", NO_DATA_ROWS);
                }
                return new CsvPreview(headers, ColumnMapping.guess(headers), rows);
            } catch (UncheckedIOException e) {
                throw new InvalidInputException("file", "CSV syntax error at line " + parser.getCurrentLineNumber()
                        + ": " + rootMessage(e));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidInputException("file", "Cannot read the CSV file: " + rootMessage(e));
        }
    }

    /** A dry run: validates every row and counts duplicates against existing leads; writes nothing. */
    public ImportReport check(Path file, ColumnMapping mapping) {
        return transaction.execute(status -> {
            status.setRollbackOnly();
            return run(file, mapping, new ImportOptions(InvalidRows.IMPORT_VALID_ONLY, Duplicates.SKIP, "CSV", null, false),
                    true, row -> { });
        });
    }

    /** Imports per the operator's options; {@code progress} receives the number of rows read so far. */
    public ImportReport importLeads(Path file, ColumnMapping mapping, ImportOptions options, IntConsumer progress) {
        ImportReport report = transaction.execute(status -> {
            ImportReport result = run(file, mapping, options, false, progress);
            if (!result.committed()) {
                status.setRollbackOnly();
            }
            return result;
        });
        counts.invalidate();
        return report;
    }

    private ImportReport run(Path file, ColumnMapping mapping, ImportOptions options, boolean dryRun,
            IntConsumer progress) {
        Tally tally = new Tally();
        LeadImportBatch batch = batches.create(options, dryRun, tally);
        ImportRowReader rows = new ImportRowReader(mapping, validator);
        try (CSVParser parser = open(file)) {
            requireHeaders(parser.getHeaderNames());
            requireMappedContactPoint(mapping);
            int expectedColumns = parser.getHeaderNames().size();
            try {
                for (CSVRecord record : parser) {
                    if (isBlank(record)) {
                        continue;
                    }
                    tally.total++;
                    long line = firstLine(parser, record);
                    parse(record, line, expectedColumns, rows, tally).ifPresent(draft -> {
                        boolean stopWriting = options.invalidRows() == InvalidRows.IMPORT_NOTHING && tally.invalid > 0;
                        if (!stopWriting) {
                            batch.add(line, draft);
                        }
                    });
                    if (batch.size() >= batchSize) {
                        batch.flush();
                    }
                    if (tally.total % batchSize == 0) {
                        progress.accept(tally.total);
                    }
                }
            } catch (UncheckedIOException e) {
                throw new InvalidInputException("file", "CSV syntax error at line " + parser.getCurrentLineNumber()
                        + ", nothing was imported: " + rootMessage(e));
            }
            if (tally.total == 0) {
                throw new InvalidInputException("file", NO_DATA_ROWS);
            }
            batch.flush();
            progress.accept(tally.total);
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidInputException("file", "Cannot read the CSV file, nothing was imported: " + rootMessage(e));
        }
        boolean committed = !dryRun && !(options.invalidRows() == InvalidRows.IMPORT_NOTHING && tally.invalid > 0);
        return tally.report(committed);
    }

    private static Optional<LeadDraft> parse(CSVRecord record, long line, int expectedColumns, ImportRowReader rows,
            Tally tally) {
        if (record.size() != expectedColumns) {
            tally.invalid(new LineProblem(line, null,
                    "expected " + expectedColumns + " columns, found " + record.size()));
            return Optional.empty();
        }
        ImportRowReader.Row row = rows.read(line, record::get);
        if (row.draft().isEmpty()) {
            tally.invalid(row.errors());
            return Optional.empty();
        }
        tally.valid++;
        tally.warned(row.warnings());
        return row.draft();
    }

    /** A row of separators only (",,,,"), as spreadsheets write for empty rows: not data, so not an error either. */
    private static boolean isBlank(CSVRecord record) {
        return record.stream().allMatch(cell -> cell == null || cell.isBlank());
    }

    /**
     * The file line a record starts on, as the operator's editor numbers it: the parser skips
     * empty lines and a quoted cell may span several, so the record number is not it.
     */
    private static long firstLine(CSVParser parser, CSVRecord record) {
        long breaksInside = record.stream().mapToLong(cell -> cell.chars().filter(c -> c == '\n').count()).sum();
        return parser.getCurrentLineNumber() - breaksInside;
    }

    private static void requireHeaders(List<String> headers) {
        if (headers.stream().allMatch(String::isBlank)) {
            throw new InvalidInputException("file", EMPTY_FILE);
        }
    }

    private static void requireMappedContactPoint(ColumnMapping mapping) {
        boolean any = mapping.fieldsByHeader().values().stream().anyMatch(f -> switch (f) {
            case EMAIL, LINKEDIN, WEBSITE, CONTACT_FORM_URL, PHONE -> true;
            default -> false;
        });
        if (!any) {
            throw new InvalidInputException("mapping",
                    "Map at least one column to Email, LinkedIn, Website, Contact form URL or Phone");
        }
    }

    /**
     * Opens the file as UTF-8 CSV with a header line. Tolerates what spreadsheets write: a
     * byte-order mark, and semicolons or tabs instead of commas (detected on the header line).
     */
    private static CSVParser open(Path file) throws IOException {
        BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        try {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            reader.mark(64 * 1024);
            String header = reader.readLine();
            reader.reset();
            return CSVFormat.DEFAULT.builder()
                    .setDelimiter(delimiter(header == null ? "" : header))
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .setIgnoreEmptyLines(true)
                    .setIgnoreSurroundingSpaces(true)
                    .setAllowMissingColumnNames(true)
                    .get()
                    .parse(reader);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    static char delimiter(String headerLine) {
        long commas = headerLine.chars().filter(c -> c == ',').count();
        long semicolons = headerLine.chars().filter(c -> c == ';').count();
        long tabs = headerLine.chars().filter(c -> c == '\t').count();
        if (semicolons > commas && semicolons >= tabs) {
            return ';';
        }
        return tabs > commas ? '\t' : ',';
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        if (root instanceof java.nio.charset.CharacterCodingException) {
            return "the file is not UTF-8 text; save it from your spreadsheet as \"CSV UTF-8\"";
        }
        return root.getMessage();
    }

    /** Counters of one import run, filled by the parser and the batch writer. */
    static final class Tally {
        int total;
        int valid;
        int invalid;
        int duplicates;
        int created;
        int updated;
        int skippedDuplicates;
        int enrolled;
        int warned;
        final List<LineProblem> problems = new ArrayList<>();
        final List<LineProblem> warnings = new ArrayList<>();

        void invalid(LineProblem problem) {
            invalid(List.of(problem));
        }

        void invalid(List<LineProblem> lineProblems) {
            invalid++;
            for (LineProblem problem : lineProblems) {
                if (problems.size() < ImportReport.MAX_PROBLEMS) {
                    problems.add(problem);
                }
            }
        }

        void warned(List<LineProblem> lineWarnings) {
            if (lineWarnings.isEmpty()) {
                return;
            }
            warned++;
            for (LineProblem warning : lineWarnings) {
                if (warnings.size() < ImportReport.MAX_PROBLEMS) {
                    warnings.add(warning);
                }
            }
        }

        ImportReport report(boolean committed) {
            return new ImportReport(total, valid, invalid, duplicates,
                    committed ? created : 0, committed ? updated : 0, skippedDuplicates, committed ? enrolled : 0, committed,
                    List.copyOf(problems), warned, List.copyOf(warnings));
        }
    }
}
