package dev.outreach.lead;

/**
 * Neutralizes spreadsheet formula injection (OWASP "CSV injection"): a cell that starts with
 * {@code = + - @}, a tab or a carriage return is prefixed with a single quote so that Excel,
 * LibreOffice and Google Sheets show it as text instead of evaluating it.
 */
final class CsvCells {

    private CsvCells() {
    }

    static String neutralize(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        return switch (cell.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + cell;
            default -> cell;
        };
    }
}
