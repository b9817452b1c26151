package dev.custos.jobs.backup.source;

import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tables/<source>/<table>.columns.json}: what restore needs to create a table and load its
 * parts ({@code tables/<source>/<table>/part-NNNNN.tsv}, in number order).
 *
 * @param format     {@value #FORMAT}: see {@link TsvPart} for the exact text format
 * @param orderBy    the columns the rows are sorted by: the primary key, or every column
 */
public record TableDefinition(String source, String schema, String table, String format, List<Column> columns,
                              List<String> primaryKey, List<String> orderBy) {

    public static final String FORMAT = "mariadb-load-data-tsv";

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    public TableDefinition {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        orderBy = List.copyOf(orderBy);
    }

    /**
     * @param jdbcType     {@link java.sql.JDBCType} name, e.g. {@code VARCHAR}
     * @param databaseType the database's own type name, e.g. {@code varchar} or {@code CHARACTER VARYING}
     * @param size         column size (length or precision) as the driver reports it
     * @param collation    a MariaDB text column's collation, e.g. {@code utf8mb4_bin}; null for other
     *                     columns and databases, and in archives written before it was recorded
     * @param columnType   MariaDB's full column type ({@code information_schema.COLUMNS.COLUMN_TYPE}, e.g.
     *                     {@code datetime(3)}, {@code bigint(20) unsigned}, {@code enum('a','b')}): how the
     *                     values were written ({@link ColumnValues}) and the table is created again; null on
     *                     other databases and in archives written before it was recorded
     */
    public record Column(String name, String jdbcType, String databaseType, int size, int decimalDigits,
                         boolean nullable, String collation, String columnType) {
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    public byte[] toJson() {
        return JSON.writeValueAsBytes(this);
    }

    public static TableDefinition fromJson(byte[] json) throws JacksonException {
        return JSON.readValue(json, TableDefinition.class);
    }
}
