package dev.outreach.lead;

import java.util.regex.Pattern;

/**
 * Cells as spreadsheets write them. Neutralizes spreadsheet formula injection (OWASP "CSV injection"): a cell that starts with
 * {@code = + - @}, a tab or a carriage return is prefixed with a single quote so that Excel,
 * LibreOffice and Google Sheets show it as text instead of evaluating it.
 */
final class CsvCells {

    /** What a spreadsheet makes of a long number in a cell it thinks numeric: 9125550123 becomes 9.1256E+09. */
    private static final Pattern SCIENTIFIC = Pattern.compile("^[+-]?\\d+([.,]\\d+)?[eE][+-]?\\d+$");

    private CsvCells() {
    }

    /** True for a cell such as {@code 9.1256E+09}: the number it stood for has lost digits that cannot be recovered. */
    static boolean isScientificNotation(String cell) {
        return cell != null && SCIENTIFIC.matcher(cell.strip()).matches();
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
