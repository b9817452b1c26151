package dev.custos.jobs.backup.source;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How one column's values are selected into a part and bound again on restore, so that every value
 * loads back exactly as it was.
 *
 * <p>On MariaDB (a column whose {@link TableDefinition.Column#columnType()} was recorded) a value is
 * written as the server formats it, never as the driver re-formats it: MariaDB Connector/J's
 * {@code getString} turns {@code DATETIME(3)} {@code 08:55:07.073} into {@code 08:55:07.73000}, shows
 * {@code FLOAT} with 6 digits (not enough to load the same float back) and {@code BIT(64)} as
 * {@code b'...'} text. So temporal, decimal, integer and {@code DOUBLE} columns are selected as
 * {@code CAST(c AS CHAR)}, {@code FLOAT} through {@code DOUBLE} (every float is a double, printed
 * to the shortest text that reads back as it), {@code BIT} as its unsigned number, and text and
 * binary columns as the bytes the server sent. Sessions run in UTC ({@link #UTC_SESSION}) so that a
 * {@code TIMESTAMP} reads and loads as the same instant, also in a daylight-saving fold.
 *
 * <p>Archives written before the column type was recorded (and H2 sources) keep the way they were
 * written ({@link JdbcSnapshot.Reader}), so their parts still re-export to the manifest's checksums.
 */
final class ColumnValues {

    /** Keeps {@code TIMESTAMP} text unambiguous; {@link #SAVE_SESSION_ZONE} / {@link #RESTORE_SESSION_ZONE} around it. */
    static final String UTC_SESSION = "SET time_zone = '+00:00'";
    static final String SAVE_SESSION_ZONE = "SET @custos_backup_time_zone = @@session.time_zone";
    static final String RESTORE_SESSION_ZONE = "SET time_zone = @custos_backup_time_zone";

    /** What MariaDB's information_schema {@code COLUMN_TYPE} may look like to be used as DDL again. */
    private static final Pattern PLAIN_TYPE = Pattern.compile(
            "[a-z]+( ?\\(\\d{1,5}(,\\d{1,2})?\\))?( unsigned)?( zerofill)?");
    /** ENUM / SET with plain literals ({@code ''} for a quote; no backslash, whatever the SQL mode). */
    private static final Pattern ENUM_TYPE = Pattern.compile("(enum|set)\\('([^'\\\\]|'')*'(,'([^'\\\\]|'')*')*\\)");

    private static final Set<String> BYTES = Set.of("char", "varchar", "tinytext", "text", "mediumtext", "longtext",
            "enum", "set", "json", "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob");
    private static final Set<String> BINARY = Set.of("binary", "varbinary", "tinyblob", "blob", "mediumblob",
            "longblob");
    private static final Set<String> SERVER_TEXT = Set.of("tinyint", "smallint", "mediumint", "int", "integer",
            "bigint", "decimal", "numeric", "double", "real", "year", "date", "datetime", "timestamp", "time");

    enum Kind {
        /** Text or binary: the bytes the server sent. */
        BYTES,
        /** Selected as {@code CAST(c AS CHAR)}. */
        SERVER_TEXT,
        /** Selected as {@code CAST(CAST(c AS DOUBLE) AS CHAR)}. */
        FLOAT,
        /** Selected as {@code CAST(c AS UNSIGNED)}, bound as its 64 bits. */
        BIT,
        /** An archive without the column type, or H2: as {@link JdbcSnapshot.Reader} wrote it. */
        LEGACY
    }

    private ColumnValues() {
    }

    static Kind kind(TableDefinition.Column column, boolean mariadb) {
        String base = baseType(column);
        if (!mariadb || base == null) {
            return Kind.LEGACY;
        }
        if (base.equals("bit")) {
            return Kind.BIT;
        }
        if (base.equals("float")) {
            return Kind.FLOAT;
        }
        if (BYTES.contains(base)) {
            return Kind.BYTES;
        }
        return SERVER_TEXT.contains(base) ? Kind.SERVER_TEXT : Kind.LEGACY;
    }

    /** The select expression of the column, {@code quoted} its quoted name. */
    static String select(TableDefinition.Column column, String quoted, boolean mariadb) {
        return switch (kind(column, mariadb)) {
            case SERVER_TEXT -> "CAST(" + quoted + " AS CHAR)";
            case FLOAT -> "CAST(CAST(" + quoted + " AS DOUBLE) AS CHAR)";
            case BIT -> "CAST(" + quoted + " AS UNSIGNED)";
            case BYTES, LEGACY -> quoted;
        };
    }

    /** Writes the value selected with {@link #select} into a part. */
    static JdbcSnapshot.Reader reader(TableDefinition.Column column, boolean mariadb, boolean mariadbDriver) {
        return switch (kind(column, mariadb)) {
            case BYTES, SERVER_TEXT, FLOAT -> (rs, i, part) -> part.bytes(rs.getBytes(i));
            case BIT -> (rs, i, part) -> part.text(rs.getString(i));
            case LEGACY -> JdbcSnapshot.Reader.of(column, mariadbDriver);
        };
    }

    /**
     * The recorded MariaDB column type when it is safe to use as DDL again (a crafted archive's is
     * not), else null.
     */
    static String ddlType(TableDefinition.Column column) {
        String type = column.columnType();
        if (type == null) {
            return null;
        }
        String lower = type.toLowerCase(Locale.ROOT);
        return PLAIN_TYPE.matcher(lower).matches() || ENUM_TYPE.matcher(type).matches() ? type : null;
    }

    /** Whether the column holds text (a collation applies). */
    static boolean isText(TableDefinition.Column column) {
        String base = baseType(column);
        return base != null && BYTES.contains(base) && !BINARY.contains(base);
    }

    /**
     * Binds one field of a part ({@code null} = NULL) as its kind needs on MariaDB; false when the
     * column is {@link Kind#LEGACY} and {@link ColumnTypes#bind} decides.
     */
    static boolean bind(PreparedStatement insert, int index, TableDefinition.Column column, byte[] value,
                        boolean mariadb) throws SQLException {
        Kind kind = kind(column, mariadb);
        if (kind == Kind.LEGACY) {
            return false;
        }
        if (value == null) {
            insert.setNull(index, JDBCType.VARCHAR.getVendorTypeNumber());
        } else if (kind == Kind.BIT) {
            // the 64 bits of the number, as a signed long: BIT stores a long's bits as they are
            insert.setLong(index, new BigInteger(new String(value, StandardCharsets.US_ASCII)).longValue());
        } else if (BINARY.contains(baseType(column))) {
            insert.setBytes(index, value);
        } else {
            insert.setString(index, new String(value, StandardCharsets.UTF_8));
        }
        return true;
    }

    /** The column's type name as MariaDB's information_schema says it, e.g. {@code datetime}; null when not recorded. */
    private static String baseType(TableDefinition.Column column) {
        String type = column.columnType();
        if (type == null || type.isBlank()) {
            return null;
        }
        String lower = type.strip().toLowerCase(Locale.ROOT);
        int end = 0;
        while (end < lower.length() && Character.isLetter(lower.charAt(end))) {
            end++;
        }
        return lower.substring(0, end);
    }
}
