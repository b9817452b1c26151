package dev.custos.jobs.backup.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.custos.common.CustosException;

/**
 * Loads restored tables into a schema: {@code CREATE TABLE} from the {@link TableDefinition}
 * ({@link ColumnTypes}), then every part with batched prepared {@code INSERT}s, one transaction per
 * part; and reads a loaded table back as {@link TableChecksum}.
 *
 * <p>Why INSERT and not {@code LOAD DATA LOCAL INFILE}: it works the same on MariaDB and on H2
 * (which has no LOAD DATA), needs neither {@code allowLocalInfile=true} on the connection (which
 * lets the server ask the client for any file it can read) nor {@code local_infile} on the server,
 * and binds every value as a parameter. MariaDB's driver sends the batches in its bulk protocol.
 */
public final class TableLoader {

    static final String CREATE_MARIADB_SCHEMA = "CREATE DATABASE IF NOT EXISTS %s CHARACTER SET utf8mb4";
    static final String CREATE_SCHEMA = "CREATE SCHEMA IF NOT EXISTS %s";
    static final String DROP_MARIADB_SCHEMA = "DROP DATABASE IF EXISTS %s";
    static final String DROP_SCHEMA = "DROP SCHEMA IF EXISTS %s CASCADE";
    static final String CREATE_TABLE = "CREATE TABLE %s (%s)";
    static final String INSERT = "INSERT INTO %s (%s) VALUES (%s)";
    static final String PROBE_TABLE = "SELECT 1 FROM %s WHERE 1 = 0";
    static final String DROP_TABLE = "DROP TABLE IF EXISTS %s";

    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final int BATCH_ROWS = 1000;

    private final DataSource dataSource;
    private final String schema;

    public TableLoader(DataSource dataSource, String schema) {
        if (schema == null || !SCHEMA_NAME.matcher(schema).matches()) {
            throw new CustosException("the schema to load restored tables into must be a plain identifier (letters, "
                    + "digits, _), found '" + schema + "'");
        }
        this.dataSource = dataSource;
        this.schema = schema;
    }

    public String schema() {
        return schema;
    }

    public void createSchema() {
        execute(CREATE_MARIADB_SCHEMA, CREATE_SCHEMA);
    }

    public void dropSchema() {
        execute(DROP_MARIADB_SCHEMA, DROP_SCHEMA);
    }

    /** Whether the table exists in the schema already (the schema itself may not). */
    public boolean exists(TableDefinition definition) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            Sql sql = Sql.of(connection);
            statement.executeQuery(PROBE_TABLE.formatted(sql.table(schema, definition.table()))).close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Drops a table this loader created; a failure to do so is added to {@code failure}. */
    public void dropTable(TableDefinition definition, Throwable failure) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(DROP_TABLE.formatted(Sql.of(connection).table(schema, definition.table())));
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Creates the table (it must not exist) and loads its parts in order; returns the rows loaded.
     * Each part's header must name the definition's columns.
     */
    public long load(TableDefinition definition, List<Path> parts) {
        String table = schema + "." + definition.table();
        try (Connection connection = dataSource.getConnection();
             UtcSession utc = UtcSession.start(connection)) {
            Sql sql = utc.sql();
            try (Statement statement = connection.createStatement()) {
                statement.execute(CREATE_TABLE.formatted(sql.table(schema, definition.table()),
                        columnsDdl(definition, sql)));
            } catch (SQLException e) {
                throw new CustosException("cannot create table " + table + " to restore into: " + cause(e), e);
            }
            connection.setAutoCommit(false);
            String insert = INSERT.formatted(sql.table(schema, definition.table()),
                    sql.quoteAll(definition.columnNames()),
                    String.join(", ", Collections.nCopies(definition.columns().size(), "?")));
            long rows = 0;
            try (PreparedStatement statement = connection.prepareStatement(insert)) {
                for (Path part : parts) {
                    rows += loadPart(statement, table, definition, part, sql.mariadb);
                    connection.commit();
                }
            }
            connection.setAutoCommit(true);
            return rows;
        } catch (SQLException e) {
            throw new CustosException("loading table " + table + " failed: " + refusal(e), e);
        }
    }

    /** The loaded table as the backup would have written it, cut after {@code partRows} rows each. */
    public TableChecksum checksum(TableDefinition definition, List<Long> partRows) {
        try (Connection connection = dataSource.getConnection();
             UtcSession utc = UtcSession.start(connection)) {
            Sql sql = utc.sql();
            if (!sql.mariadb) {
                connection.setAutoCommit(false); // H2 streams a result only inside a transaction
            }
            String select = JdbcSnapshot.SELECT_TABLE.formatted(
                    JdbcSnapshot.selectList(definition, sql::quote, sql.mariadb),
                    sql.table(schema, definition.table()), sql.quoteAll(definition.orderBy()));
            TableChecksum checksum = TableChecksum.of(connection, select, definition, partRows, sql.mariadb);
            if (!sql.mariadb) {
                connection.rollback();
            }
            return checksum;
        } catch (SQLException e) {
            throw new CustosException("reading restored table " + schema + "." + definition.table() + " back failed: "
                    + e.getMessage(), e);
        }
    }

    private long loadPart(PreparedStatement statement, String table, TableDefinition definition, Path part,
                          boolean mariadb) throws SQLException {
        List<TableDefinition.Column> columns = definition.columns();
        long rows = 0;
        try (InputStream in = Files.newInputStream(part); TsvRows tsv = new TsvRows(in)) {
            List<byte[]> header = tsv.next();
            List<String> names = header == null ? List.of()
                    : header.stream().map(name -> name == null ? "\\N" : new String(name, StandardCharsets.UTF_8))
                            .toList();
            if (!names.equals(definition.columnNames())) {
                throw new CustosException("restored part " + part + " names the columns " + names + ", the table "
                        + "definition " + definition.columnNames());
            }
            for (List<byte[]> row = tsv.next(); row != null; row = tsv.next()) {
                if (row.size() != columns.size()) {
                    throw new CustosException("restored part " + part + " line " + tsv.line() + " has " + row.size()
                            + " fields, the table has " + columns.size() + " columns");
                }
                for (int i = 0; i < columns.size(); i++) {
                    ColumnTypes.bind(statement, i + 1, columns.get(i), row.get(i), mariadb);
                }
                statement.addBatch();
                if (++rows % BATCH_ROWS == 0) {
                    statement.executeBatch();
                }
            }
            statement.executeBatch();
            return rows;
        } catch (IOException e) {
            throw new CustosException("cannot read restored part " + part + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new CustosException("loading table " + table + " failed at part " + part.getFileName() + " row "
                    + rows + " (or the batch before it): " + refusal(e), e);
        }
    }

    /**
     * A MariaDB session in UTC until closed, when the (pooled) connection's own zone is put back:
     * {@code TIMESTAMP} text is written and loaded in UTC ({@link ColumnValues}).
     */
    private record UtcSession(Connection connection, Sql sql) implements AutoCloseable {

        static UtcSession start(Connection connection) throws SQLException {
            Sql sql = Sql.of(connection);
            if (sql.mariadb) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(ColumnValues.SAVE_SESSION_ZONE);
                    statement.execute(ColumnValues.UTC_SESSION);
                }
            }
            return new UtcSession(connection, sql);
        }

        @Override
        public void close() throws SQLException {
            if (sql.mariadb && !connection.isClosed()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(ColumnValues.RESTORE_SESSION_ZONE);
                }
            }
        }
    }

    /**
     * A refused row by the database's SQL state and vendor code only: its text can quote the row's
     * values (MariaDB's "Duplicate entry '...'", H2's constraint messages).
     */
    private static String refusal(SQLException e) {
        SQLException refusal = e; // the innermost, e.g. the constraint violation a batch update failed on
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                refusal = sql;
            }
        }
        return "the database refused it (" + refusal.getClass().getSimpleName() + ", SQL state "
                + (refusal.getSQLState() == null ? "unknown" : refusal.getSQLState())
                + (refusal.getErrorCode() == 0 ? "" : ", vendor code " + refusal.getErrorCode()) + ")";
    }

    /** The database's reason on one line, without the statement H2 quotes after it. */
    private static String cause(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int statement = message.indexOf("; SQL statement:");
        return (statement < 0 ? message : message.substring(0, statement)).strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String columnsDdl(TableDefinition definition, Sql sql) {
        List<String> lines = new ArrayList<>();
        for (TableDefinition.Column column : definition.columns()) {
            lines.add(sql.quote(column.name()) + " " + ColumnTypes.ddl(column, sql.mariadb)
                    + (column.nullable() ? " NULL" : " NOT NULL"));
        }
        if (!definition.primaryKey().isEmpty()) {
            lines.add("PRIMARY KEY (" + sql.quoteAll(definition.primaryKey()) + ")");
        }
        return String.join(", ", lines);
    }

    private void execute(String mariadbTemplate, String template) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            Sql sql = Sql.of(connection);
            statement.execute((sql.mariadb ? mariadbTemplate : template).formatted(sql.quote(schema)));
        } catch (SQLException e) {
            throw new CustosException("cannot create or drop schema " + schema + ": " + e.getMessage(), e);
        }
    }

    /** Names in SQL on this database: MariaDB (or MySQL) or another (H2). */
    public record Sql(boolean mariadb, String quote) {

        public static Sql of(Connection connection) throws SQLException {
            DatabaseMetaData metaData = connection.getMetaData();
            String product = metaData.getDatabaseProductName().toLowerCase(Locale.ROOT);
            return new Sql(product.contains("mariadb") || product.contains("mysql"),
                    metaData.getIdentifierQuoteString().strip());
        }

        public String quote(String identifier) {
            return quote + identifier.replace(quote, quote + quote) + quote;
        }

        String quoteAll(List<String> identifiers) {
            return String.join(", ", identifiers.stream().map(this::quote).toList());
        }

        String table(String schema, String table) {
            return quote(schema) + "." + quote(table);
        }
    }
}
