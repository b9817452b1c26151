package dev.custos.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.custos.common.results.ResultsSchema;
import dev.custos.common.test.TestDatabase;
import dev.custos.scheduler.security.LoginProperties;
import dev.custos.scheduler.security.Role;
import dev.custos.scheduler.security.UserAccounts;

/**
 * A Custos installation for one test class: a fresh MariaDB database and results schema, and a
 * directory holding the blob store, the default inbox and the outbox. Commands run against it
 * take its settings as Spring {@code --name=value} overrides, as an operator's would.
 */
public final class Installation implements AutoCloseable {

    private static final Duration RUN_DEADLINE = Duration.ofMinutes(3);

    private static final String PUBLISHED_METRICS = """
            SELECT m.name, m.value FROM %s.metric m JOIN %s.period_result p
              ON p.job_instance_id = m.job_instance_id AND p.job = m.job AND p.period = m.period
            WHERE m.job = ? AND m.period = ? ORDER BY m.name""";

    private static final String RUNS = """
            SELECT execution_id, period, status, exit_message FROM %s.run WHERE job = ? ORDER BY execution_id""";

    private final TestDatabase database;
    private final Path home;

    private Installation(TestDatabase database, Path home) {
        this.database = database;
        this.home = home;
    }

    /** A new installation under {@code dir} (which the test owns, e.g. a {@code @TempDir}). */
    public static Installation create(Class<?> testClass, Path dir) {
        try {
            Files.createDirectories(dir.resolve("in"));
            Files.createDirectories(dir.resolve("out"));
            Files.createDirectories(dir.resolve("store"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Installation(TestDatabase.create(testClass), dir);
    }

    public TestDatabase database() {
        return database;
    }

    public Path inbox() {
        return home.resolve("in");
    }

    /** The folder a run of (job, period) reads without {@code --inbox}: {@code <inbox>/<job>/<period>/}. */
    public Path inbox(String job, String period) {
        return inbox().resolve(job).resolve(period);
    }

    public Path outbox() {
        return home.resolve("out");
    }

    public Path store() {
        return home.resolve("store");
    }

    /** The overrides that point a command at this installation. */
    public List<String> overrides() {
        return List.of(
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + TestDatabase.user(),
                "--spring.datasource.password=" + TestDatabase.password(),
                "--custos.results.schema=" + database.resultsSchema(),
                "--custos.store.dir=" + store(),
                "--custos.inbox=" + inbox(),
                "--custos.outbox=" + outbox(),
                "--logging.file.name=" + logFile());
    }

    /** Where the commands run against this installation log. */
    public Path logFile() {
        return home.resolve("custos.log");
    }

    /** {@code args} followed by this installation's overrides. */
    public String[] args(String... args) {
        return Stream.concat(Arrays.stream(args), overrides().stream()).toArray(String[]::new);
    }

    /** Runs {@code custos args...} in this JVM against this installation. */
    public CommandResult custos(String... args) {
        return CommandResult.custos(args(args));
    }

    /** The published figures of (job, period), read from the results schema: name to value. */
    public Map<String, Double> publishedMetrics(String job, String period) {
        String schema = database.resultsSchema();
        Map<String, Double> metrics = new TreeMap<>();
        query(PUBLISHED_METRICS.formatted(schema, schema), rs -> metrics.put(rs.getString(1), (Double) rs.getObject(2, Double.class)),
                job, period);
        return metrics;
    }

    /** The runs of {@code job} recorded in the results schema, oldest first. */
    public List<Run> runs(String job) {
        List<Run> runs = new ArrayList<>();
        query(RUNS.formatted(database.resultsSchema()),
                rs -> runs.add(new Run(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))), job);
        return runs;
    }

    /**
     * Waits (three minutes at most) for the latest run of (job, period) that is as {@code wanted}, and
     * fails the test naming the runs there are when none comes.
     */
    public Run awaitRun(String job, String period, Predicate<Run> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + RUN_DEADLINE.toNanos();
        Optional<Run> found = Optional.empty();
        while (found.isEmpty() && System.nanoTime() < deadline) {
            found = runs(job).stream().filter(run -> run.period().equals(period)).filter(wanted)
                    .reduce((earlier, later) -> later);
            if (found.isEmpty()) {
                Thread.sleep(200);
            }
        }
        assertThat(found).as("a run of %s %s as wanted: %s", job, period, runs(job)).isPresent();
        return found.get();
    }

    /**
     * Adds a console user of each role, named as the role in lower case ({@code ops}, {@code admin}, ...),
     * and a further admin of each name in {@code otherAdmins}, all with {@code password}: stored as
     * {@code custos user add} stores them (UserCommandTest proves the command), without a process each;
     * a command run before has migrated the results schema.
     */
    public void addUserOfEachRole(String password, String... otherAdmins) {
        UserAccounts users = new UserAccounts(new JdbcTemplate(new DriverManagerDataSource(database.url(),
                TestDatabase.user(), TestDatabase.password())), new ResultsSchema(database.resultsSchema()),
                new LoginProperties(5, Duration.ofMinutes(15), 12));
        for (Role role : Role.values()) {
            users.add(role.name().toLowerCase(Locale.ROOT), role, password.toCharArray());
        }
        for (String admin : otherAdmins) {
            users.add(admin, Role.ADMIN, password.toCharArray());
        }
    }

    /** Runs a query on this installation's database; {@code row} sees each row. */
    public void query(String sql, RowConsumer row, Object... parameters) {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The single long value a query returns. */
    public long queryLong(String sql, Object... parameters) {
        List<Long> values = new ArrayList<>();
        query(sql, rs -> values.add(rs.getLong(1)), parameters);
        if (values.size() != 1) {
            throw new IllegalStateException(sql + " returned " + values.size() + " rows");
        }
        return values.get(0);
    }

    @Override
    public void close() {
        database.drop();
    }

    /** A run row as the results schema keeps it. */
    public record Run(long executionId, String period, String status, String exitMessage) {
    }

    @FunctionalInterface
    public interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }
}
