package dev.custos.common.outbox;

/**
 * Keeps a spreadsheet from reading a text cell of a file meant for people as a formula (OWASP's
 * CSV-injection advice, ASVS 1.2.10): a text that starts with {@code = + - @}, a tab, a carriage
 * return or a NUL gets a leading single quote, which spreadsheets take as "this is text" and do not
 * show. Numbers are written as they are, so a negative count or ratio stays a number; only text
 * columns (identifiers, names, departments, reasons) can carry a formula from an input file.
 */
final class FormulaNeutraliser {

    private static final String FORMULA_STARTS = "=+-@\t\r\0";

    private FormulaNeutraliser() {
    }

    /** The cell as a spreadsheet should show it: a text cell neutralised, anything else unchanged. */
    static Object cell(Object value) {
        return value instanceof CharSequence text ? neutralise(text.toString()) : value;
    }

    static String neutralise(String text) {
        return !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
