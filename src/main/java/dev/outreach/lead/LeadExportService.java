package dev.outreach.lead;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * CSV export of the leads matching a filter, streamed row by row. Headers are the import's
 * field labels, so an exported file imports again with every column mapped.
 */
@Service
@PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
public class LeadExportService {

    private static final String COLUMNS = "id, first_name, last_name, email, linkedin_url, website, contact_form_url,"
            + " phone, time_zone, company, title, industry, city, state, country, employee_count, annual_revenue,"
            + " notes, grade, status, source, created_at";
    private static final String[] HEADERS = {"Id", LeadField.FIRST_NAME.label(), LeadField.LAST_NAME.label(),
        LeadField.EMAIL.label(), LeadField.LINKEDIN.label(), LeadField.WEBSITE.label(),
        LeadField.CONTACT_FORM_URL.label(), LeadField.PHONE.label(), LeadField.TIME_ZONE.label(),
        LeadField.COMPANY.label(), LeadField.TITLE.label(), LeadField.INDUSTRY.label(), LeadField.CITY.label(),
        LeadField.STATE.label(), LeadField.COUNTRY.label(), LeadField.EMPLOYEE_COUNT.label(),
        LeadField.ANNUAL_REVENUE.label(), LeadField.NOTES.label(), "Grade", "Status", "Source", "Created"};

    private final LeadQueries queries;

    LeadExportService(LeadQueries queries) {
        this.queries = queries;
    }

    /**
     * Writes the matching leads as UTF-8 CSV to {@code out}, after a byte-order mark when
     * {@code encoding} asks for one; formula-like cells are neutralized.
     */
    @Transactional(readOnly = true)
    public void exportCsv(LeadFilter filter, CsvEncoding encoding, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        if (encoding == CsvEncoding.UTF_8_WITH_BOM) {
            writer.write('\uFEFF');
        }
        CSVPrinter printer = CSVFormat.DEFAULT.builder().setHeader(HEADERS).get().print(writer);
        try {
            queries.forEachForExport(filter, COLUMNS, rs -> {
                try {
                    for (int column = 1; column <= HEADERS.length; column++) {
                        printer.print(switch (rs.getObject(column)) {
                            case null -> null;
                            case Timestamp ts -> ts.toInstant().toString();
                            case OffsetDateTime time -> time.toInstant().toString();
                            case Object value -> CsvCells.neutralize(value.toString());
                        });
                    }
                    printer.println();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        printer.flush();
    }
}
