package dev.custos.common.job;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;

import dev.custos.common.CustosException;
import dev.custos.common.csv.ParsedRow;

/**
 * Stages the accepted rows of a chunk with one MariaDB {@code LOAD DATA LOCAL INFILE}, fed from
 * memory through Connector/J's {@code setLocalInfileInputStream} (no file is written, and the
 * connector reads no file: it sends the stream it is given), into the table and columns of the
 * job's staging INSERT. The rows travel as tab-separated text in MariaDB's own escaping, so every
 * value arrives as the batch INSERT would store it.
 *
 * <p>{@code LOCAL} turns every value the server cannot store as given into a warning instead of an
 * error; any warning, or a row count short of the chunk's, fails the chunk as the batch INSERT
 * would. Messages name the file, line and column, never a value.
 */
final class LoadDataStaging {

    private static final Pattern STAGING_INSERT = Pattern.compile(
            "\\s*INSERT\\s+INTO\\s+([\\w.$`]+)\\s*\\(([^)]*)\\)\\s*VALUES\\s*\\(([?,\\s]*)\\)\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WARNING_PLACE = Pattern.compile("column '([\\w$]+)'.* at row (\\d+)");
    private static final String LOAD_DATA = """
            LOAD DATA LOCAL INFILE 'custos-staging.tsv' INTO TABLE %s CHARACTER SET utf8mb4
            FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (%s)""";
    /** MariaDB's ER_DUP_ENTRY. */
    private static final int DUPLICATE_ENTRY = 1062;
    private static final String LOCAL_INFILE_ENABLED = "SELECT @@local_infile, @@sql_mode";

    private final String table;
    private final int columns;
    private final String sql;

    private LoadDataStaging(String table, List<String> columns) {
        this.table = table;
        this.columns = columns.size();
        this.sql = LOAD_DATA.formatted(table, String.join(", ", columns));
    }

    /** The LOAD DATA of the table and columns that {@code insertSql}, one row of parameters, names. */
    static LoadDataStaging of(String insertSql) {
        Matcher insert = STAGING_INSERT.matcher(insertSql);
        if (!insert.matches()) {
            throw new IllegalArgumentException("not an INSERT of one row of parameters: " + insertSql);
        }
        List<String> columns = Arrays.stream(insert.group(2).split(",")).map(String::strip).toList();
        long parameters = insert.group(3).chars().filter(c -> c == '?').count();
        if (parameters != columns.size()) {
            throw new IllegalArgumentException(columns.size() + " columns but " + parameters + " parameters: " + insertSql);
        }
        return new LoadDataStaging(insert.group(1), columns);
    }

    /**
     * Whether rows can be streamed on this connection: MariaDB Connector/J with
     * {@code allowLocalInfile} (its default since 3.0; it then still sends no file a statement
     * does not name, and here every statement brings its stream) and a server that accepts
     * {@code LOCAL} ({@code local_infile}) and reads backslash escapes in the statement (not under
     * {@code NO_BACKSLASH_ESCAPES}, where the batch INSERT is used instead).
     */
    static boolean supportedOn(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(org.mariadb.jdbc.Connection.class)
                || !connection.unwrap(org.mariadb.jdbc.Connection.class).getContext().getConf().allowLocalInfile()) {
            return false;
        }
        try (Statement statement = connection.createStatement();
             ResultSet enabled = statement.executeQuery(LOCAL_INFILE_ENABLED)) {
            return enabled.next() && enabled.getInt(1) == 1
                    && !String.valueOf(enabled.getString(2)).contains("NO_BACKSLASH_ESCAPES");
        }
    }

    <T> void load(Connection connection, List<ParsedRow.Accepted<T>> rows, long jobInstanceId,
                  StagingBinder<T> binder) throws SQLException {
        TabSeparatedRows text = new TabSeparatedRows(columns, rows.size());
        for (ParsedRow.Accepted<T> row : rows) {
            binder.bind(text, jobInstanceId, row);
            text.endRow();
        }
        try (Statement statement = connection.createStatement()) {
            statement.unwrap(org.mariadb.jdbc.Statement.class)
                    .setLocalInfileInputStream(text.stream());
            long staged;
            try {
                staged = statement.executeLargeUpdate(sql);
            } catch (SQLException e) {
                // the server's message may quote a value: only its codes go on
                throw new CustosException("the database refused to stage %s into %s (SQLState %s, error %d)"
                        .formatted(lines(rows), table, e.getSQLState(), e.getErrorCode()));
            }
            SQLWarning warning = statement.getWarnings();
            if (warning != null && warning.getErrorCode() == DUPLICATE_ENTRY) {
                // LOCAL skips a repeated key with a warning where the batch INSERT fails: fail as it does,
                // so the run says "database error ... (SQL state 23000, vendor code 1062) on table T"
                throw new DuplicateKeyException("LOAD DATA; SQL [" + sql + "]",
                        new SQLIntegrityConstraintViolationException("a repeated key in " + lines(rows), "23000",
                                DUPLICATE_ENTRY));
            }
            if (warning != null) {
                throw new CustosException("the database did not stage %s into %s as given: %s (warning %d)"
                        .formatted(lines(rows), table, place(warning, rows), warning.getErrorCode()));
            }
            if (staged != rows.size()) {
                throw new CustosException("the database staged %d of the %d rows of %s into %s"
                        .formatted(staged, rows.size(), lines(rows), table));
            }
        }
    }

    private static String lines(List<? extends ParsedRow.Accepted<?>> rows) {
        ParsedRow.Accepted<?> first = rows.get(0);
        ParsedRow.Accepted<?> last = rows.get(rows.size() - 1);
        if (!first.file().equals(last.file())) {
            return "the rows of %s line %d to %s line %d".formatted(first.file(), first.line(), last.file(), last.line());
        }
        return "the rows of %s lines %d to %d".formatted(first.file(), first.line(), last.line());
    }

    /** File, line and column of the first value the server changed; the warning's text may quote it. */
    private static String place(SQLWarning warning, List<? extends ParsedRow.Accepted<?>> rows) {
        Matcher place = WARNING_PLACE.matcher(String.valueOf(warning.getMessage()));
        if (place.find()) {
            int row = Integer.parseInt(place.group(2));
            if (row >= 1 && row <= rows.size()) {
                ParsedRow.Accepted<?> accepted = rows.get(row - 1);
                return "%s line %d, column %s".formatted(accepted.file(), accepted.line(), place.group(1));
            }
        }
        return "a value of one of them";
    }

    /**
     * One chunk's rows as LOAD DATA's default text: tab between fields, newline after rows, {@code \N}
     * for NULL. The text is written as UTF-8 bytes straight into one buffer (numbers and dates digit by
     * digit, plain ASCII text char by char), without a String per field or a copy of the whole text.
     */
    private static final class TabSeparatedRows implements StagingRow {

        private static final byte[] NULL = {'\\', 'N'};

        /** Room for this many bytes a row before the text grows: a grant row takes about 70. */
        private static final int EXPECTED_ROW_BYTES = 128;

        private static final int[] INT_POWERS_OF_TEN =
                {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000};

        private static final byte UNSET = 0;
        private static final byte NUMBER = 1;
        private static final byte TEXT = 2;
        private static final byte DATE = 3;
        private static final byte SQL_NULL = 4;

        private final byte[] kinds;
        private final long[] numbers;
        private final Object[] values;
        private byte[] text;
        private int size;

        TabSeparatedRows(int columns, int rows) {
            this.kinds = new byte[columns];
            this.numbers = new long[columns];
            this.values = new Object[columns];
            this.text = new byte[(int) Math.min(Integer.MAX_VALUE - 8, (long) rows * EXPECTED_ROW_BYTES)];
        }

        @Override
        public void setLong(int column, long value) {
            kinds[column - 1] = NUMBER;
            numbers[column - 1] = value;
        }

        @Override
        public void setInt(int column, int value) {
            setLong(column, value);
        }

        @Override
        public void setString(int column, String value) {
            set(column, TEXT, value);
        }

        @Override
        public void setDate(int column, LocalDate value) {
            set(column, DATE, value);
        }

        @Override
        public void setNull(int column, int sqlType) {
            kinds[column - 1] = SQL_NULL;
        }

        private void set(int column, byte kind, Object value) {
            kinds[column - 1] = value == null ? SQL_NULL : kind;
            values[column - 1] = value;
        }

        void endRow() {
            for (int i = 0; i < kinds.length; i++) {
                if (i > 0) {
                    append((byte) '\t');
                }
                switch (kinds[i]) {
                    case NUMBER -> appendNumber(numbers[i]);
                    case TEXT -> appendText((String) values[i]);
                    case DATE -> appendDate((LocalDate) values[i]);
                    case SQL_NULL -> append(NULL);
                    default -> throw new IllegalStateException("column " + (i + 1) + " of a staged row was not set");
                }
                kinds[i] = UNSET;
                values[i] = null;
            }
            append((byte) '\n');
        }

        /** The text written so far; the stream reads it in place. */
        ByteArrayInputStream stream() {
            return new ByteArrayInputStream(text, 0, size);
        }

        private void appendNumber(long value) {
            if (value < 0 || value > Integer.MAX_VALUE) {
                append(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
                return;
            }
            int rest = (int) value;
            int digits = 1;
            while (digits < INT_POWERS_OF_TEN.length && rest >= INT_POWERS_OF_TEN[digits]) {
                digits++;
            }
            room(digits);
            for (int at = size + digits - 1; at >= size; at--) {
                text[at] = (byte) ('0' + rest % 10);
                rest /= 10;
            }
            size += digits;
        }

        /** {@code yyyy-MM-dd} as {@link LocalDate#toString()} writes it; other years through it. */
        private void appendDate(LocalDate date) {
            int year = date.getYear();
            if (year < 1000 || year > 9999) {
                append(date.toString().getBytes(StandardCharsets.US_ASCII));
                return;
            }
            room(10);
            pairs(year / 100);
            pairs(year % 100);
            text[size++] = '-';
            pairs(date.getMonthValue());
            text[size++] = '-';
            pairs(date.getDayOfMonth());
        }

        private void pairs(int twoDigits) {
            text[size++] = (byte) ('0' + twoDigits / 10);
            text[size++] = (byte) ('0' + twoDigits % 10);
        }

        /** Plain ASCII as it is; anything else (escapes, other characters) through {@link #escaped} and UTF-8. */
        private void appendText(String value) {
            int length = value.length();
            room(length);
            int start = size;
            for (int i = 0; i < length; i++) {
                char c = value.charAt(i);
                if (c < ' ' || c == '\\' || c >= 0x80) {
                    size = start;
                    append(escaped(value).getBytes(StandardCharsets.UTF_8));
                    return;
                }
                text[size++] = (byte) c;
            }
        }

        private void append(byte b) {
            room(1);
            text[size++] = b;
        }

        private void append(byte[] bytes) {
            room(bytes.length);
            System.arraycopy(bytes, 0, text, size, bytes.length);
            size += bytes.length;
        }

        private void room(int bytes) {
            if (text.length - size < bytes) {
                long wanted = Math.max((long) text.length * 2, (long) size + bytes);
                if (wanted > Integer.MAX_VALUE - 8) {
                    if ((long) size + bytes > Integer.MAX_VALUE - 8) {
                        throw new IllegalStateException("a chunk's staging text exceeds 2 GB: lower custos.chunk-size");
                    }
                    wanted = Integer.MAX_VALUE - 8;
                }
                text = Arrays.copyOf(text, (int) wanted);
            }
        }

        private static String escaped(String value) {
            StringBuilder escaped = new StringBuilder(value.length() + 8);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> escaped.append("\\\\");
                    case '\t' -> escaped.append("\\t");
                    case '\n' -> escaped.append("\\n");
                    case '\r' -> escaped.append("\\r");
                    case '\0' -> escaped.append("\\0");
                    default -> escaped.append(c);
                }
            }
            return escaped.toString();
        }
    }
}
