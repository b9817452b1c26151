package dev.custos.jobs.backup.source;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import dev.custos.common.CustosException;
import dev.custos.jobs.backup.archive.ArchiveWriter;
import dev.custos.jobs.backup.archive.BackupManifest;
import dev.custos.jobs.backup.archive.BackupSourceException;

/**
 * Reads the tables of one JDBC source into the archive, all in one consistent snapshot: on MariaDB
 * (and MySQL) one connection in {@code START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY} at
 * REPEATABLE READ, elsewhere (H2) a read-only REPEATABLE READ transaction. Every table becomes its
 * {@link TableDefinition} entry and one or more {@link TsvPart} entries of about {@code partSize}
 * bytes, rows sorted by the primary key (or by every column), so equal data gives equal entries.
 */
public final class JdbcSnapshot {

    private static final String COLUMN_DETAILS = """
            SELECT COLUMN_NAME, COLLATION_NAME, COLUMN_TYPE FROM information_schema.COLUMNS
            WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?""";

    static final String START_SNAPSHOT_ISOLATION = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ";
    static final String START_SNAPSHOT = "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY";
    static final String END_SNAPSHOT = "COMMIT";
    static final String ABANDON_SNAPSHOT = "ROLLBACK";
    /** Columns, table and sort order are identifiers from the database's own metadata, quoted. */
    static final String SELECT_TABLE = "SELECT %s FROM %s ORDER BY %s";

    private static final int FETCH_SIZE = 1000;

    /** Room past {@code partSize} for the row that makes a part full. */
    private static final int PART_SLACK = 64 * 1024;

    private final ArchiveWriter archive;
    private final int partSize;
    private final int sampleRows;
    /** The one part buffer of the snapshot, allocated at the first table and reused by every next one. */
    private TsvPart partBuffer;

    /** {@code sampleRows}: rows of each table checked against the source ({@link SampleCheck}). */
    public JdbcSnapshot(ArchiveWriter archive, int partSize, int sampleRows) {
        this.archive = archive;
        this.partSize = partSize;
        this.sampleRows = sampleRows;
    }

    /**
     * Checks, before the archive is begun, what the snapshot checks again: that the database
     * answers, and the source's tables exist and can be told apart.
     */
    public static void check(BackupSource source, DataSource dataSource) {
        SourceUrl url = SourceUrl.of(source);
        try (Connection connection = dataSource.getConnection()) {
            tablesOf(source, dialect(source, connection, isMariaDbOrMySql(connection.getMetaData())));
        } catch (SQLException e) {
            throw url.readingFailed(source, e);
        }
    }

    /** Backs up the source's tables; returns what the manifest says about the source. */
    public BackupManifest.Source write(BackupSource source, DataSource dataSource) throws IOException {
        SourceUrl url = SourceUrl.of(source);
        try (Connection connection = dataSource.getConnection()) {
            boolean mariadb = isMariaDbOrMySql(connection.getMetaData());
            begin(connection, mariadb);
            try {
                Dialect dialect = dialect(source, connection, mariadb);
                List<String> tables = tablesOf(source, dialect);
                long sampled = 0;
                for (String table : tables) {
                    try {
                        sampled += writeTable(connection, source.name(), dialect, table);
                    } catch (SQLException e) {
                        SQLException failure = url.scrubbed(e);
                        throw new BackupSourceException("backup source '" + source.name() + "': reading table '"
                                + table + "' of schema '" + dialect.schema + "' failed: " + failure.getMessage(),
                                failure);
                    }
                }
                end(connection, mariadb);
                return new BackupManifest.Source(source.name(), "jdbc", source.classification(), dialect.schema,
                        tables, null, sampled);
            } catch (SQLException | IOException | RuntimeException e) {
                abandon(connection, mariadb, e);
                throw e;
            }
        } catch (SQLException e) {
            throw url.readingFailed(source, e);
        }
    }

    private static Dialect dialect(BackupSource source, Connection connection, boolean mariadb)
            throws SQLException {
        String schema = source.schema() != null && !source.schema().isBlank() ? source.schema()
                : mariadb ? connection.getCatalog() : connection.getSchema();
        return new Dialect(connection.getMetaData(), mariadb, schema);
    }

    private static boolean isMariaDbOrMySql(DatabaseMetaData metaData) throws SQLException {
        String product = metaData.getDatabaseProductName().toLowerCase(Locale.ROOT);
        return product.contains("mariadb") || product.contains("mysql");
    }

    private static void begin(Connection connection, boolean mariadb) throws SQLException {
        if (mariadb) {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute(ColumnValues.SAVE_SESSION_ZONE);
                statement.execute(ColumnValues.UTC_SESSION);
                statement.execute(START_SNAPSHOT_ISOLATION);
                statement.execute(START_SNAPSHOT);
            }
        } else {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
        }
    }

    private static void end(Connection connection, boolean mariadb) throws SQLException {
        if (mariadb) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(END_SNAPSHOT);
                statement.execute(ColumnValues.RESTORE_SESSION_ZONE);
            }
        } else {
            connection.commit();
        }
    }

    private static void abandon(Connection connection, boolean mariadb, Exception failure) {
        try {
            if (mariadb) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(ABANDON_SNAPSHOT);
                    statement.execute(ColumnValues.RESTORE_SESSION_ZONE);
                }
            } else {
                connection.rollback();
            }
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /*
     * Staging tables hold a run's inputs (names, e-mails) only until it completes or is abandoned: a backup
     * would keep them for its whole retention. Left out unless a source lists them in tables.
     */
    private static final String STAGING_SUFFIX = "_stage";

    /**
     * The configured tables as the database spells them, or every table of the schema but the
     * staging tables ({@code *_stage}); in name order. Tables are named regardless of case (so is a restore's target), so two whose names
     * differ only in case fail the run rather than one of them being left out.
     */
    private static List<String> tablesOf(BackupSource source, Dialect dialect) throws SQLException {
        TreeMap<String, List<String>> byLowerName = new TreeMap<>();
        try (ResultSet rs = dialect.metaData.getTables(dialect.catalog(), dialect.schemaPattern(), "%",
                new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                byLowerName.computeIfAbsent(name.toLowerCase(Locale.ROOT), lower -> new ArrayList<>()).add(name);
            }
        }
        if (source.tables().isEmpty()) {
            if (byLowerName.isEmpty()) {
                throw new CustosException("backup source '" + source.name() + "': schema '" + dialect.schema
                        + "' has no tables; check custos.backup.sources[].schema");
            }
            return byLowerName.entrySet().stream().filter(table -> !table.getKey().endsWith(STAGING_SUFFIX))
                    .map(table -> theOne(source, dialect, table.getValue())).toList();
        }
        List<String> tables = new ArrayList<>();
        for (String wanted : source.tables()) {
            List<String> sameName = byLowerName.get(wanted.strip().toLowerCase(Locale.ROOT));
            if (sameName == null) {
                throw new CustosException("backup source '" + source.name() + "': table '" + wanted
                        + "' not found in schema '" + dialect.schema + "'; check custos.backup.sources[].tables");
            }
            String found = theOne(source, dialect, sameName);
            if (!tables.contains(found)) {
                tables.add(found);
            }
        }
        tables.sort(String.CASE_INSENSITIVE_ORDER);
        return tables;
    }

    private static String theOne(BackupSource source, Dialect dialect, List<String> sameName) {
        if (sameName.size() > 1) {
            List<String> names = sameName.stream().sorted().map(name -> "'" + name + "'").toList();
            throw new CustosException("backup source '" + source.name() + "': schema '" + dialect.schema
                    + "' has tables whose names differ only in case: " + String.join(" and ", names)
                    + "; a backup names tables regardless of case and cannot keep them apart, so rename them to"
                    + " differ in more than case, then restart the run");
        }
        return sameName.get(0);
    }

    /** Writes the table's definition and parts, then checks a sample of its rows; returns the rows checked. */
    private long writeTable(Connection connection, String sourceName, Dialect dialect, String table)
            throws SQLException, IOException {
        TableDefinition definition = definition(sourceName, dialect, table);
        String base = "tables/" + sourceName + "/" + table;
        byte[] json = definition.toJson();
        archive.addBytes(base + ".columns.json", sourceName, json, json.length, null);

        boolean mariadbDriver = dialect.metaData.getDriverName().contains("MariaDB");
        List<Reader> readers = definition.columns().stream()
                .map(c -> ColumnValues.reader(c, dialect.mariadb, mariadbDriver)).toList();
        String sql = SELECT_TABLE.formatted(selectList(definition, dialect::quote, dialect.mariadb),
                dialect.qualified(table), dialect.quoteAll(definition.orderBy()));
        TsvPart part = emptyPart(definition.columnNames());
        SampleCheck.Sampler sampler = new SampleCheck.Sampler(sampleRows, ThreadLocalRandom.current());
        int partNumber = 0;
        try (Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = statement.executeQuery(sql)) {
                while (rs.next()) {
                    int start = part.size();
                    for (int i = 0; i < readers.size(); i++) {
                        readers.get(i).append(rs, i + 1, part);
                    }
                    part.endRow();
                    sampler.written(part, start);
                    if (part.size() >= partSize) {
                        sampler.partFull(part);
                        addPart(base, sourceName, part, ++partNumber);
                    }
                }
            }
        }
        List<SampleCheck.SampledRow> sample = sampler.finish(part);
        if (part.rows() > 0 || partNumber == 0) {
            addPart(base, sourceName, part, ++partNumber);
        }
        SampleCheck check = new SampleCheck(connection, definition, dialect.mariadb, dialect::quote,
                dialect.qualified(table));
        Optional<SampleCheck.Mismatch> mismatch = check.check(sample);
        if (mismatch.isPresent()) {
            throw sampleMismatch(sourceName, dialect.schema, definition, mismatch.get(), sample.size());
        }
        return sample.size();
    }

    private static BackupSourceException sampleMismatch(String sourceName, String schema, TableDefinition definition,
                                                        SampleCheck.Mismatch mismatch, int sampled) {
        String column = mismatch.column() == null ? "" : " column '" + mismatch.column() + "'"
                + definition.columns().stream().filter(c -> c.name().equals(mismatch.column())).findFirst()
                        .map(c -> " (" + (c.columnType() != null ? c.columnType() : c.databaseType()) + ")").orElse("");
        return new BackupSourceException("backup source '" + sourceName + "': sample check of table '"
                + definition.table() + "' of schema '" + schema + "' failed: row " + mismatch.row()
                + " (in the backup's order)" + column + " " + mismatch.problem() + " (" + sampled + " rows of the"
                + " table compared with the source in the backup's snapshot). The backup could not restore this"
                + " table exactly, so it is not counted as verified; keep the last verified backup, report it as a"
                + " Custos defect with the column's type, and until it is fixed leave the table out of"
                + " custos.backup.sources[].tables", null);
    }

    /** The definition's columns as {@link ColumnValues} selects them, {@code quote} quoting a name. */
    static String selectList(TableDefinition definition, java.util.function.UnaryOperator<String> quote,
                             boolean mariadb) {
        return String.join(", ", definition.columns().stream()
                .map(column -> ColumnValues.select(column, quote.apply(column.name()), mariadb)).toList());
    }

    private TsvPart emptyPart(List<String> columns) {
        if (partBuffer == null) {
            partBuffer = new TsvPart(partSize + PART_SLACK, columns);
        } else {
            partBuffer.restart(columns);
        }
        return partBuffer;
    }

    private void addPart(String base, String sourceName, TsvPart part, int number) throws IOException {
        archive.addBytes(base + "/part-%05d.tsv".formatted(number), sourceName, part.buffer(), part.size(),
                part.rows());
        part.restart();
    }

    private static TableDefinition definition(String sourceName, Dialect dialect, String table) throws SQLException {
        Map<String, String> collations = new HashMap<>();
        Map<String, String> columnTypes = new HashMap<>();
        if (dialect.mariadb) {
            columnDetails(dialect, table, collations, columnTypes);
        }
        List<TableDefinition.Column> columns = new ArrayList<>();
        try (ResultSet rs = dialect.metaData.getColumns(dialect.catalog(), dialect.schemaPattern(),
                dialect.escapePattern(table), "%")) {
            while (rs.next()) {
                if (!rs.getString("TABLE_NAME").equals(table)) {
                    continue;
                }
                int type = rs.getInt("DATA_TYPE");
                String name = rs.getString("COLUMN_NAME");
                columns.add(new TableDefinition.Column(name, jdbcTypeName(type),
                        rs.getString("TYPE_NAME"), rs.getInt("COLUMN_SIZE"), rs.getInt("DECIMAL_DIGITS"),
                        rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls, collations.get(name),
                        columnTypes.get(name)));
            }
        }
        TreeMap<Short, String> keyColumns = new TreeMap<>();
        try (ResultSet rs = dialect.metaData.getPrimaryKeys(dialect.catalog(), dialect.schemaName(), table)) {
            while (rs.next()) {
                keyColumns.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        List<String> primaryKey = List.copyOf(keyColumns.values());
        List<String> orderBy = primaryKey.isEmpty() ? columns.stream().map(TableDefinition.Column::name).toList()
                : primaryKey;
        return new TableDefinition(sourceName, dialect.schema, table, TableDefinition.FORMAT, columns, primaryKey,
                orderBy);
    }

    /**
     * The collation of each text column (MariaDB): it decides which keys are equal and the order
     * the rows are read in, so a restore must create the columns with it to load and compare them;
     * and each column's full type, which decides how its values are written ({@link ColumnValues}).
     */
    private static void columnDetails(Dialect dialect, String table, Map<String, String> collations,
                                      Map<String, String> columnTypes) throws SQLException {
        try (PreparedStatement query = dialect.metaData.getConnection().prepareStatement(COLUMN_DETAILS)) {
            query.setString(1, dialect.schema);
            query.setString(2, table);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(2) != null) {
                        collations.put(rs.getString(1), rs.getString(2));
                    }
                    columnTypes.put(rs.getString(1), rs.getString(3));
                }
            }
        }
    }

    private static String jdbcTypeName(int type) {
        try {
            return JDBCType.valueOf(type).getName();
        } catch (IllegalArgumentException e) {
            return "OTHER";
        }
    }

    /**
     * Writes one column's value into the part the way its type needs (restore re-exports with it
     * too); {@link #of} is how archives without column types were written, see {@link ColumnValues}.
     */
    @FunctionalInterface
    interface Reader {

        void append(ResultSet rs, int column, TsvPart part) throws SQLException;

        /**
         * With MariaDB's driver, text columns are read as the bytes the server sent (UTF-8, the
         * driver's only connection character set): the string's UTF-8 bytes, without decoding and
         * encoding them again.
         */
        static Reader of(TableDefinition.Column column, boolean mariadbDriver) {
            return switch (JDBCType.valueOf(column.jdbcType())) {
                case BINARY, VARBINARY, LONGVARBINARY, BLOB -> (rs, i, part) -> part.bytes(rs.getBytes(i));
                case CHAR, VARCHAR, LONGVARCHAR, NCHAR, NVARCHAR, LONGNVARCHAR -> mariadbDriver
                        ? (rs, i, part) -> part.bytes(rs.getBytes(i))
                        : (rs, i, part) -> part.text(rs.getString(i));
                case BOOLEAN -> (rs, i, part) -> {
                    boolean value = rs.getBoolean(i);
                    part.text(rs.wasNull() ? null : value ? "1" : "0");
                };
                default -> (rs, i, part) -> part.text(rs.getString(i));
            };
        }
    }

    /** Where the tables are and how to name them in SQL on this database. */
    private record Dialect(DatabaseMetaData metaData, boolean mariadb, String schema) {

        /** MariaDB calls a database a catalog; H2 and most others a schema. */
        String catalog() {
            return mariadb ? schema : null;
        }

        String schemaName() {
            return mariadb ? null : schema;
        }

        String schemaPattern() {
            return mariadb ? null : escapePattern(schema);
        }

        String escapePattern(String name) {
            try {
                String escape = metaData.getSearchStringEscape();
                return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
            } catch (SQLException e) {
                return name;
            }
        }

        String quote(String identifier) {
            try {
                String quote = metaData.getIdentifierQuoteString().strip();
                return quote + identifier.replace(quote, quote + quote) + quote;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        String quoteAll(List<String> identifiers) {
            return String.join(", ", identifiers.stream().map(this::quote).toList());
        }

        String qualified(String table) {
            return quote(schema) + "." + quote(table);
        }
    }
}
