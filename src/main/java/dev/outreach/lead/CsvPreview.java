package dev.outreach.lead;

import java.util.List;

/** The headers of an uploaded CSV, a guessed mapping and its first rows, shown before importing. */
public record CsvPreview(List<String> headers, ColumnMapping guessedMapping, List<List<String>> firstRows) {
}
