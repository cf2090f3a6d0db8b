package dev.outreach.lead;

/**
 * How an exported CSV file starts. Excel reads a CSV file without a byte-order mark in the
 * computer's legacy code page, so "Müller" shows as "MÃ¼ller"; with the UTF-8 byte-order mark
 * it reads UTF-8. Other tools (scripts, Google Sheets, our own import) read either.
 */
public enum CsvEncoding {
    UTF_8("UTF-8"),
    UTF_8_WITH_BOM("UTF-8 with BOM (for Excel)");

    private final String label;

    CsvEncoding(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
