package dev.custos.jobs.backup.restore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import dev.custos.common.CustosException;
import dev.custos.jobs.backup.source.TableLoader;

/**
 * The restore drill's scratch schema, which the drill drops: so it must never be a real one. Its
 * name ({@code custos.backup.drill.schema}) must end with {@value #SUFFIX} and be neither the results
 * schema, nor the connection's own, nor a configured JDBC source's schema, or the drill refuses
 * before anything is created or dropped. The drill creates the schema with a marker table
 * ({@value #MARKER_TABLE}) and drops only a schema it created in this run or one holding the marker
 * (left by a drill that was killed); an existing schema without the marker is refused, untouched.
 */
public final class DrillSchema {

    static final String SUFFIX = "_drill";
    static final String MARKER_TABLE = "custos_restore_drill";
    static final String SETTING = "custos.backup.drill.schema";

    private static final String SCHEMA_EXISTS =
            "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?";
    private static final String TABLE_EXISTS =
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?";
    private static final String CREATE_MARIADB_SCHEMA = "CREATE DATABASE %s CHARACTER SET utf8mb4";
    private static final String CREATE_SCHEMA = "CREATE SCHEMA %s";
    private static final String CREATE_MARKER = "CREATE TABLE %s.%s (job_instance_id BIGINT NOT NULL)";
    private static final String INSERT_MARKER = "INSERT INTO %s.%s (job_instance_id) VALUES (?)";

    private final DataSource dataSource;
    private final TableLoader loader;
    private boolean own;

    private DrillSchema(DataSource dataSource, TableLoader loader) {
        this.dataSource = dataSource;
        this.loader = loader;
    }

    /**
     * The scratch schema {@code name}, once it is known not to be one of the schemas the drill must
     * leave alone: {@code resultsSchema}, the connection's own, and {@code sourceSchemas}.
     *
     * @throws CustosException naming {@value #SETTING} when it is one of them or lacks the suffix
     */
    public static DrillSchema checked(DataSource dataSource, String name, String resultsSchema,
                               Collection<String> sourceSchemas) {
        List<Protected> protectedSchemas = new ArrayList<>();
        protectedSchemas.add(new Protected(resultsSchema, "the results schema (custos.results.schema)"));
        connectionSchemas(dataSource).forEach(schema -> protectedSchemas.add(new Protected(schema,
                "the application database's own schema")));
        sourceSchemas.forEach(schema -> protectedSchemas.add(new Protected(schema,
                "the schema of a backup source (custos.backup.sources[].schema)")));
        refuse(name, protectedSchemas);
        return new DrillSchema(dataSource, new TableLoader(dataSource, name));
    }

    /** The refusal rule on its own: a name the drill may not drop, with why. */
    static void refuse(String name, List<Protected> protectedSchemas) {
        String what = SETTING + "=" + name;
        if (name == null || !name.toLowerCase(Locale.ROOT).endsWith(SUFFIX)) {
            throw new CustosException(what + " is refused: the restore drill drops its scratch schema, so its name "
                    + "must end with " + SUFFIX + "; set it to a new name such as custos" + SUFFIX
                    + " (or leave it empty for <results schema>" + SUFFIX + ")");
        }
        for (Protected schema : protectedSchemas) {
            if (schema.name() != null && schema.name().equalsIgnoreCase(name)) {
                throw new CustosException(what + " is refused: it is " + schema.role() + ", which the restore "
                        + "drill would drop; set it to a schema name of its own ending with " + SUFFIX);
            }
        }
    }

    public String name() {
        return loader.schema();
    }

    /**
     * Creates the schema with its marker, first dropping one a killed drill left (it holds the
     * marker).
     *
     * @throws CustosException when a schema of that name exists without the marker: it is not the
     *                         drill's, and it is left as it is
     */
    public void create(long jobInstanceId) {
        try (Connection connection = dataSource.getConnection()) {
            if (exists(connection, SCHEMA_EXISTS, name())) {
                if (!exists(connection, TABLE_EXISTS, name(), MARKER_TABLE)) {
                    throw new CustosException(SETTING + "=" + name() + " is refused: a schema of that name exists "
                            + "and was not created by a restore drill (it has no table " + MARKER_TABLE + "), so the "
                            + "drill leaves it untouched; set " + SETTING + " to a name no schema has");
                }
                loader.dropSchema();
            }
            TableLoader.Sql sql = TableLoader.Sql.of(connection);
            try (Statement statement = connection.createStatement()) {
                statement.execute((sql.mariadb() ? CREATE_MARIADB_SCHEMA : CREATE_SCHEMA)
                        .formatted(sql.quote(name())));
                own = true;
                statement.execute(CREATE_MARKER.formatted(sql.quote(name()), sql.quote(MARKER_TABLE)));
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    INSERT_MARKER.formatted(sql.quote(name()), sql.quote(MARKER_TABLE)))) {
                insert.setLong(1, jobInstanceId);
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new CustosException("restore drill: cannot create scratch schema " + name() + ": " + e.getMessage(),
                    e);
        }
    }

    /** Drops the schema if this drill created it; otherwise leaves it. */
    public void dropIfOwn() {
        if (own) {
            loader.dropSchema();
            own = false;
        }
    }

    private static boolean exists(Connection connection, String query, String... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        }
    }

    private static List<String> connectionSchemas(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            List<String> schemas = new ArrayList<>();
            Optional.ofNullable(connection.getCatalog()).ifPresent(schemas::add);
            Optional.ofNullable(connection.getSchema()).ifPresent(schemas::add);
            return schemas;
        } catch (SQLException e) {
            throw new CustosException("restore drill: cannot read the application database's schema: "
                    + e.getMessage(), e);
        }
    }

    /** A schema the drill must never drop, and what it is (for the message). */
    record Protected(String name, String role) {
    }
}
