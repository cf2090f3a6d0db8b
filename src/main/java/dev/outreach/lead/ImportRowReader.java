package dev.outreach.lead;

import dev.outreach.lead.ImportReport.LineProblem;
import dev.outreach.shared.FieldError;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads one CSV row into a lead the way the person who exported it meant it. A value that cannot
 * be kept but does not make the lead wrong (a time zone we do not know, a website that is no web
 * address, a phone a spreadsheet turned into 9.1256E+09) is left empty with a warning and the row
 * stays; anything else that fails the lead's rules is an error and the row is rejected.
 */
final class ImportRowReader {

    /** Columns a spreadsheet may have shortened to scientific notation, losing digits. */
    private static final Set<LeadField> NUMBERS = EnumSet.of(LeadField.PHONE, LeadField.EMPLOYEE_COUNT,
            LeadField.ANNUAL_REVENUE);

    /** A row read: the draft when it is valid, the errors when it is not, and the warnings of a kept row. */
    record Row(Optional<LeadDraft> draft, List<LineProblem> errors, List<LineProblem> warnings) {
    }

    private final ColumnMapping mapping;
    private final LeadValidator validator;

    ImportRowReader(ColumnMapping mapping, LeadValidator validator) {
        this.mapping = mapping;
        this.validator = validator;
    }

    /** Reads the mapped cells of the row on {@code line}; {@code cells} gives a header's cell. */
    Row read(long line, Function<String, String> cells) {
        LeadDraft draft = new LeadDraft();
        List<LineProblem> errors = new ArrayList<>();
        List<LineProblem> warnings = new ArrayList<>();
        mapping.fieldsByHeader().forEach((header, field) -> {
            // A blank cell says nothing: it must not undo what a "Full Name" column already filled in.
            String cell = LeadValues.clean(CsvCells.restore(cells.apply(header)));
            if (cell == null) {
                return;
            }
            try {
                interpret(field, cell).ifPresentOrElse(value -> field.read(draft, value),
                        () -> warnings.add(new LineProblem(line, header, leftEmpty(field, cell))));
            } catch (IllegalArgumentException e) {
                errors.add(new LineProblem(line, header, e.getMessage()));
            }
        });
        draft.normalized();
        LeadValidator.urlProblem(draft.getWebsite()).ifPresent(problem -> {
            warnings.add(new LineProblem(line, headerOf(LeadField.WEBSITE.property()),
                    "'" + draft.getWebsite() + "' is not a web address such as https://example.com; left empty"));
            draft.setWebsite(null);
        });
        for (FieldError error : validator.validate(draft)) {
            errors.add(new LineProblem(line, headerOf(error.field()), error.message()));
        }
        if (!errors.isEmpty()) {
            // The row is rejected: what would have been left empty is part of why.
            List<LineProblem> all = new ArrayList<>(warnings);
            all.addAll(errors);
            return new Row(Optional.empty(), List.copyOf(all), List.of());
        }
        return new Row(Optional.of(draft), List.of(), List.copyOf(warnings));
    }

    /** The value to read into the field, or empty when the cell cannot be kept. */
    private static Optional<String> interpret(LeadField field, String cell) {
        if (NUMBERS.contains(field) && CsvCells.isScientificNotation(cell)) {
            return Optional.empty();
        }
        if (field == LeadField.TIME_ZONE) {
            return TimeZoneNames.toIana(cell);
        }
        return Optional.of(cell);
    }

    private static String leftEmpty(LeadField field, String cell) {
        if (field == LeadField.TIME_ZONE) {
            return "'" + cell + "' is not a time zone we know; left empty (use a name such as America/Chicago,"
                    + " EST or UTC-05:00)";
        }
        return "'" + cell + "' is a number a spreadsheet shortened to scientific notation, its digits are lost;"
                + " left empty (format the column as text in the spreadsheet and export again)";
    }

    /** The CSV header mapped to a draft property, or the field's label when no column feeds it. */
    String headerOf(String property) {
        return mapping.fieldsByHeader().entrySet().stream()
                .filter(e -> e.getValue().property().equals(property))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseGet(() -> LeadField.forProperty(property).map(LeadField::label).orElse(property));
    }
}
