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
                    .setLocalInfileInputStream(new ByteArrayInputStream(text.bytes()));
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

    /** One chunk's rows as LOAD DATA's default text: tab between fields, newline after rows, {@code \N} for NULL. */
    private static final class TabSeparatedRows implements StagingRow {

        private static final String NULL = "\\N";

        /** Room for this many characters a row before the text grows: a grant row takes about 70. */
        private static final int EXPECTED_ROW_CHARS = 128;

        private final StringBuilder text;
        private final String[] fields;

        TabSeparatedRows(int columns, int rows) {
            this.fields = new String[columns];
            this.text = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 8, (long) rows * EXPECTED_ROW_CHARS));
        }

        @Override
        public void setLong(int column, long value) {
            fields[column - 1] = Long.toString(value);
        }

        @Override
        public void setInt(int column, int value) {
            fields[column - 1] = Integer.toString(value);
        }

        @Override
        public void setString(int column, String value) {
            fields[column - 1] = value == null ? NULL : escaped(value);
        }

        @Override
        public void setDate(int column, LocalDate value) {
            fields[column - 1] = value == null ? NULL : value.toString();
        }

        @Override
        public void setNull(int column, int sqlType) {
            fields[column - 1] = NULL;
        }

        void endRow() {
            for (int i = 0; i < fields.length; i++) {
                if (fields[i] == null) {
                    throw new IllegalStateException("column " + (i + 1) + " of a staged row was not set");
                }
                if (i > 0) {
                    text.append('\t');
                }
                text.append(fields[i]);
                fields[i] = null;
            }
            text.append('\n');
        }

        byte[] bytes() {
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }

        private static String escaped(String value) {
            if (!needsEscape(value)) {
                return value;
            }
            StringBuilder escaped = null;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                String replacement = switch (c) {
                    case '\\' -> "\\\\";
                    case '\t' -> "\\t";
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case '\0' -> "\\0";
                    default -> null;
                };
                if (replacement != null && escaped == null) {
                    escaped = new StringBuilder(value.length() + 8).append(value, 0, i);
                }
                if (escaped != null) {
                    if (replacement != null) {
                        escaped.append(replacement);
                    } else {
                        escaped.append(c);
                    }
                }
            }
            return escaped == null ? value : escaped.toString();
        }

        /** Whether the value holds a character {@link #escaped} replaces: a backslash or a control character. */
        private static boolean needsEscape(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < ' ' || c == '\\') {
                    return true;
                }
            }
            return false;
        }
    }
}
