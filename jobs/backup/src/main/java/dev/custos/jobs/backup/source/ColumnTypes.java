package dev.custos.jobs.backup.source;

import java.nio.charset.StandardCharsets;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;

/**
 * How a backed-up column ({@link TableDefinition.Column}) is created and filled again, on MariaDB
 * or on H2. The column type comes from its JDBC type, size and digits, with the MariaDB details a
 * round trip needs (UNSIGNED, YEAR, BIT(n), the TEXT/BLOB size classes), so that the loaded table
 * reads back as the same text the backup wrote. Values are bound as text and converted by the
 * database, except binary data (bytes), booleans and BIT.
 */
final class ColumnTypes {

    private static final long TEXT = 65_535;
    private static final long MEDIUM = 16_777_215;
    /** Longest VARCHAR / VARBINARY MariaDB creates in utf8mb4 rows; longer ones become TEXT / BLOB. */
    private static final int MARIADB_MAX_VARCHAR = 16_383;
    private static final int MARIADB_MAX_VARBINARY = 65_532;

    private ColumnTypes() {
    }

    /**
     * The column's type in DDL, e.g. {@code VARCHAR(100)} or {@code DATETIME(3)}, with its recorded
     * collation on MariaDB ({@code VARCHAR(10) COLLATE utf8mb4_bin}); a collation that is not a
     * plain name (a crafted archive) is left out.
     */
    static String ddl(TableDefinition.Column column, boolean mariadb) {
        String recorded = mariadb ? ColumnValues.ddlType(column) : null;
        String type = recorded != null ? recorded : type(column, mariadb);
        String collation = column.collation();
        boolean text = recorded != null ? ColumnValues.isText(column)
                : type.startsWith("CHAR") || type.startsWith("VARCHAR") || type.endsWith("TEXT");
        return mariadb && text && collation != null && collation.matches("[A-Za-z0-9_]{1,64}")
                ? type + " COLLATE " + collation : type;
    }

    private static String type(TableDefinition.Column column, boolean mariadb) {
        String databaseType = column.databaseType() == null ? "" : column.databaseType().toUpperCase(Locale.ROOT);
        boolean unsigned = databaseType.contains("UNSIGNED");
        int size = column.size();
        return switch (jdbcType(column)) {
            case BIT -> mariadb ? "BIT(" + Math.max(1, size) + ")" : size <= 1 ? "BOOLEAN" : "BIGINT";
            case BOOLEAN -> "BOOLEAN";
            case TINYINT -> integer("TINYINT", "SMALLINT", unsigned, mariadb);
            case SMALLINT -> integer("SMALLINT", "INT", unsigned, mariadb);
            case INTEGER -> integer("INT", "BIGINT", unsigned, mariadb);
            case BIGINT -> integer("BIGINT", "DECIMAL(20)", unsigned, mariadb);
            case REAL -> mariadb ? "FLOAT" : "REAL";
            case FLOAT, DOUBLE -> "DOUBLE";
            case DECIMAL, NUMERIC -> "DECIMAL(" + Math.max(1, size) + ", " + Math.max(0, column.decimalDigits()) + ")";
            case DATE -> databaseType.equals("YEAR") ? (mariadb ? "YEAR" : "SMALLINT") : "DATE";
            case TIME -> "TIME(" + fraction(column, 10) + ")";
            case TIME_WITH_TIMEZONE -> mariadb ? "TIME(" + fraction(column, 10) + ")"
                    : "TIME(" + fraction(column, 10) + ") WITH TIME ZONE";
            case TIMESTAMP -> (mariadb ? "DATETIME(" : "TIMESTAMP(") + fraction(column, 19) + ")";
            case TIMESTAMP_WITH_TIMEZONE -> mariadb ? "DATETIME(" + fraction(column, 19) + ")"
                    : "TIMESTAMP(" + fraction(column, 19) + ") WITH TIME ZONE";
            case CHAR, NCHAR -> "CHAR(" + Math.max(1, size) + ")";
            case VARCHAR, NVARCHAR -> mariadb && size > MARIADB_MAX_VARCHAR ? text(size)
                    : "VARCHAR(" + Math.max(1, size) + ")";
            case LONGVARCHAR, LONGNVARCHAR, CLOB, NCLOB -> mariadb ? text(size) : "CLOB";
            case BINARY -> "BINARY(" + Math.max(1, size) + ")";
            case VARBINARY -> mariadb && size > MARIADB_MAX_VARBINARY ? blob(size)
                    : "VARBINARY(" + Math.max(1, size) + ")";
            case LONGVARBINARY, BLOB -> mariadb ? blob(size) : "BLOB";
            default -> databaseType.matches("[A-Z][A-Z0-9 ]*") ? databaseType : mariadb ? "LONGTEXT" : "CLOB";
        };
    }

    /** Binds one field of a part ({@code null} = NULL) to its column's parameter. */
    static void bind(PreparedStatement insert, int index, TableDefinition.Column column, byte[] value,
                     boolean mariadb) throws SQLException {
        if (ColumnValues.bind(insert, index, column, value, mariadb)) {
            return;
        }
        JDBCType type = jdbcType(column);
        if (value == null) {
            insert.setNull(index, type == JDBCType.OTHER ? Types.VARCHAR : type.getVendorTypeNumber());
            return;
        }
        switch (type) {
            case BINARY, VARBINARY, LONGVARBINARY, BLOB -> insert.setBytes(index, value);
            case BOOLEAN -> insert.setBoolean(index, isTrue(value));
            case BIT -> bindBit(insert, index, column, new String(value, StandardCharsets.US_ASCII));
            default -> insert.setString(index, new String(value, StandardCharsets.UTF_8));
        }
    }

    private static JDBCType jdbcType(TableDefinition.Column column) {
        try {
            return JDBCType.valueOf(column.jdbcType());
        } catch (IllegalArgumentException | NullPointerException e) {
            return JDBCType.OTHER;
        }
    }

    /**
     * BIT(1) reads as {@code true}/{@code false} (MariaDB) or 1/0; BIT(n) as {@code b'1010'} ({@code b''}
     * for 0) in archives without column types; the 64 bits are bound as a long's.
     */
    private static void bindBit(PreparedStatement insert, int index, TableDefinition.Column column, String text)
            throws SQLException {
        if (text.startsWith("b'") && text.endsWith("'")) {
            String bits = text.substring(2, text.length() - 1);
            insert.setLong(index, bits.isEmpty() ? 0 : new java.math.BigInteger(bits, 2).longValue());
        } else if (column.size() <= 1) {
            insert.setBoolean(index, text.equalsIgnoreCase("true") || text.equals("1"));
        } else {
            insert.setString(index, text);
        }
    }

    private static boolean isTrue(byte[] value) {
        String text = new String(value, StandardCharsets.US_ASCII);
        return text.equals("1") || text.equalsIgnoreCase("true");
    }

    private static String integer(String type, String widerForUnsigned, boolean unsigned, boolean mariadb) {
        if (!unsigned) {
            return type;
        }
        return mariadb ? type + " UNSIGNED" : widerForUnsigned;
    }

    /**
     * Fractional seconds: drivers report them as decimal digits (H2) or only in the column size
     * (MariaDB: 19 characters for {@code yyyy-MM-dd HH:mm:ss}, then a dot and the digits).
     */
    private static int fraction(TableDefinition.Column column, int wholeSecondsSize) {
        int fromSize = column.size() > wholeSecondsSize + 1 ? column.size() - wholeSecondsSize - 1 : 0;
        return Math.min(6, Math.max(Math.max(0, column.decimalDigits()), fromSize));
    }

    private static String text(long size) {
        return size <= TEXT ? "TEXT" : size <= MEDIUM ? "MEDIUMTEXT" : "LONGTEXT";
    }

    private static String blob(long size) {
        return size <= TEXT ? "BLOB" : size <= MEDIUM ? "MEDIUMBLOB" : "LONGBLOB";
    }
}
