package dev.outreach.lead;

/**
 * Neutralizes spreadsheet formula injection (OWASP "CSV injection"): a cell that starts with
 * {@code = + - @}, a tab or a carriage return is prefixed with a single quote so that Excel,
 * LibreOffice and Google Sheets show it as text instead of evaluating it.
 */
final class CsvCells {

    private CsvCells() {
    }

    /** Undoes {@link #neutralize} on import, so that an exported file imports back unchanged. */
    static String restore(String cell) {
        if (cell != null && cell.length() > 1 && cell.charAt(0) == '\'') {
            return switch (cell.charAt(1)) {
                case '=', '+', '-', '@', '\t', '\r' -> cell.substring(1);
                default -> cell;
            };
        }
        return cell;
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
