package dev.custos.common.csv;

import java.util.regex.Pattern;

/**
 * Which bad values a reject reason may quote. A reason goes to {@code rejects.csv}, and a field
 * of an export can hold anything (a shifted column puts a name or an e-mail where a date was
 * expected), so a value is quoted only when it is short and made only of the characters its coded
 * field allows: {@code '2025-02-30'} for a date, {@code 'SEVERE'} for a severity. Anything else is
 * named by its column alone. Messages other than reject reasons quote no value at all.
 */
public enum RejectedValue {

    /** A date, or something meant as one: digits and the separators of a date or time. */
    DATE("[0-9./:TZ+-]+"),
    /** A number: digits, sign and separators. */
    NUMBER("[0-9.,+-]+"),
    /** A keyword of an enumeration (a status, a severity): plain letters, digits, '_' and '-'. */
    KEYWORD("[A-Za-z0-9_-]+"),
    /** An identifier (an employee, course or finding id, a permission): no blank, no '@'. */
    IDENTIFIER("[A-Za-z0-9._:-]+");

    /** The longest value a reason quotes; a coded value is short. */
    public static final int MAX_CHARS = 32;

    static final String NOT_SHOWN = "value not shown";

    private final Pattern allowed;

    RejectedValue(String allowed) {
        this.allowed = Pattern.compile(allowed);
    }

    /** Whether {@code value} is short and made only of the characters this kind of field allows. */
    boolean mayBeShown(String value) {
        return value != null && value.length() <= MAX_CHARS && allowed.matcher(value).matches();
    }

    /**
     * {@code value} in single quotes when it {@linkplain #mayBeShown may be shown}, else
     * {@value #NOT_SHOWN}: the part of a reason after "bad date in hired_on: ".
     */
    public String quote(String value) {
        return mayBeShown(value) ? "'" + value + "'" : NOT_SHOWN;
    }
}
