package dev.custos.common.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.custos.common.test.TestDatabase;

/**
 * On MariaDB a run's staging rows live in a partition of their own, added before it stages and
 * dropped when its rows go; rows staged without one (before the upgrade, or when the DDL had to
 * wait too long) stay visible and are deleted; on H2 rows are deleted.
 */
class StagingTablesTest {

    private static final TestDatabase DATABASE = TestDatabase.create(StagingTablesTest.class);
    private static final String TABLE = "demo_stage";
    private static final List<String> TABLES = List.of(TABLE);
    private static final String CREATE_TABLE = """
            CREATE TABLE {results}.demo_stage (
                job_instance_id BIGINT NOT NULL,
                line            BIGINT NOT NULL,
                PRIMARY KEY (job_instance_id, line))""";
    private static final String INSERT_ROW = "INSERT INTO {results}.demo_stage (job_instance_id, line) VALUES (?, ?)";
    private static final String ROWS_OF = "SELECT COUNT(*) FROM {results}.demo_stage WHERE job_instance_id = ?";
    private static final String INSERT_RUN = """
            INSERT INTO {results}.run (execution_id, job_instance_id, job, period, status) VALUES (?, ?, 'demo', '2026', ?)""";

    private static DriverManagerDataSource dataSource;
    private static ResultsSchema schema;
    private static JdbcTemplate jdbc;
    private static StagingTables stagingTables;

    @BeforeAll
    static void migrate() {
        dataSource = new DriverManagerDataSource(DATABASE.url(), TestDatabase.user(), TestDatabase.password());
        schema = new ResultsSchema(DATABASE.resultsSchema());
        ResultsMigration.migrate(dataSource, schema);
        jdbc = new JdbcTemplate(dataSource);
        stagingTables = new StagingTables(jdbc, new DataSourceTransactionManager(dataSource), schema);
    }

    @AfterAll
    static void drop() {
        DATABASE.drop();
    }

    @BeforeEach
    void freshPartitionedTable() {
        jdbc.execute("DROP TABLE IF EXISTS " + schema.table(TABLE));
        jdbc.execute(schema.sql(CREATE_TABLE));
        StagingTables.partitionExisting(dataSource, schema);
    }

    @Test
    void aTableStagedIntoBeforeTheUpgradeIsPartitionedKeepingItsRowsAndOnlyOnce() {
        jdbc.execute("DROP TABLE " + schema.table(TABLE));
        jdbc.execute(schema.sql(CREATE_TABLE));
        stage(1, 3);

        StagingTables.partitionExisting(dataSource, schema);
        StagingTables.partitionExisting(dataSource, schema);

        assertThat(stagingTables.partitions(TABLE)).containsExactly(StagingTables.DEFAULT_PARTITION);
        assertThat(rowsOf(1)).isEqualTo(3);
    }

    @Test
    void aRunStagesIntoItsOwnPartitionWhichGoesWithItsRowsAndLeavesAnotherRunsRows() {
        stagingTables.prepare(5, false, TABLES);
        stagingTables.prepare(6, false, TABLES);
        stage(5, 4);
        stage(6, 2);
        stagingTables.prepare(5, true, TABLES); // a restart finds its partition there

        assertThat(stagingTables.partitions(TABLE)).containsExactlyInAnyOrder("pdefault", "p5", "p6");
        assertThat(rowsInPartition("p5")).isEqualTo(4);
        assertThat(rowsInPartition("pdefault")).isZero();

        stagingTables.remove(List.of(5L), TABLES);

        assertThat(stagingTables.partitions(TABLE)).containsExactlyInAnyOrder("pdefault", "p6");
        assertThat(rowsOf(5)).isZero();
        assertThat(rowsOf(6)).isEqualTo(2);
    }

    @Test
    void aRestartOfARunStagedWithoutAPartitionAddsNoneOverItsRowsAndTheyAreDeleted() {
        stage(7, 3); // staged before the upgrade: in the DEFAULT partition

        stagingTables.prepare(7, true, TABLES); // a partition over them would hide them from every query

        assertThat(stagingTables.partitions(TABLE)).containsExactly("pdefault");
        assertThat(rowsOf(7)).isEqualTo(3);

        stagingTables.remove(List.of(7L), TABLES);

        assertThat(rowsOf(7)).isZero();
    }

    @Test
    void aRunWhosePartitionWaitsTooLongForAnOpenStatementStagesIntoTheDefaultPartition() throws SQLException {
        stage(20, 1);
        try (Connection reader = DATABASE.connect(); Statement statement = reader.createStatement()) {
            reader.setAutoCommit(false);
            statement.executeQuery("SELECT COUNT(*) FROM " + schema.table(TABLE)).close(); // another run reading

            stagingTables.prepare(8, false, TABLES);

            reader.commit();
        }
        stage(8, 3);

        assertThat(stagingTables.partitions(TABLE)).containsExactly("pdefault");
        assertThat(rowsOf(8)).isEqualTo(3);
        stagingTables.remove(List.of(8L), TABLES);
        assertThat(rowsOf(8)).isZero();
        assertThat(rowsOf(20)).isEqualTo(1);
    }

    @Test
    void aPartitionThatCannotBeDroppedIsEmptiedAndDroppedByALaterRemovalOnceItsRunFinished() throws SQLException {
        stagingTables.prepare(9, false, TABLES);
        stagingTables.prepare(10, false, TABLES);
        stage(9, 3);
        stage(10, 2);
        try (Connection reader = DATABASE.connect(); Statement statement = reader.createStatement()) {
            reader.setAutoCommit(false);
            statement.executeQuery("SELECT COUNT(*) FROM " + schema.table(TABLE)).close();

            stagingTables.remove(List.of(9L), TABLES);

            reader.commit();
        }
        assertThat(rowsOf(9)).isZero();
        assertThat(stagingTables.partitions(TABLE)).contains("p9");

        jdbc.update(schema.sql(INSERT_RUN), 90, 9, "ABANDONED");
        jdbc.update(schema.sql(INSERT_RUN), 100, 10, "FAILED"); // kept for its restart
        stagingTables.remove(List.of(11L), TABLES);

        assertThat(stagingTables.partitions(TABLE)).containsExactlyInAnyOrder("pdefault", "p10");
        assertThat(rowsOf(10)).isEqualTo(2);
    }

    @Test
    void aRestartedInstanceIsJudgedByItsLatestRunSoItsLeftoverPartitionIsDroppedOnceItCompleted() throws SQLException {
        stagingTables.prepare(12, false, TABLES);
        stage(12, 2);
        jdbc.update(schema.sql(INSERT_RUN), 120, 12, "FAILED");
        try (Connection reader = DATABASE.connect(); Statement statement = reader.createStatement()) {
            reader.setAutoCommit(false);
            statement.executeQuery("SELECT COUNT(*) FROM " + schema.table(TABLE)).close();

            stagingTables.remove(List.of(12L), TABLES); // the restart's cleanup, while another run reads

            reader.commit();
        }
        jdbc.update(schema.sql(INSERT_RUN), 121, 12, "COMPLETED");
        assertThat(stagingTables.partitions(TABLE)).contains("p12");

        stagingTables.remove(List.of(13L), TABLES);

        assertThat(stagingTables.partitions(TABLE)).containsExactly("pdefault");
    }

    @Test
    void anotherRunsLeftoverPartitionIsNotWaitedForWhileTheTableIsBusyItsRowsAreDeletedAndItIsDroppedLater() throws Exception {
        stagingTables.prepare(14, false, TABLES);
        stage(14, 2);
        jdbc.update(schema.sql(INSERT_RUN), 140, 14, "ABANDONED");
        ExecutorService cleanup = Executors.newSingleThreadExecutor();
        try (Connection reader = DATABASE.connect(); Statement statement = reader.createStatement()) {
            reader.setAutoCommit(false);
            statement.executeQuery("SELECT COUNT(*) FROM " + schema.table(TABLE)).close(); // another period's run

            Future<?> removal = cleanup.submit(() -> stagingTables.remove(List.of(15L), TABLES));
            boolean waitedForTheTable = false;
            while (!removal.isDone()) {
                waitedForTheTable |= jdbc.queryForObject("""
                        SELECT COUNT(*) FROM information_schema.PROCESSLIST
                        WHERE STATE = 'Waiting for table metadata lock' AND INFO LIKE ?""", Long.class,
                        "%" + schema.table(TABLE) + " %DROP PARTITION p14%") > 0;
                Thread.sleep(20);
            }
            removal.get();

            assertThat(waitedForTheTable).as("the leftover's DROP waited for the busy table").isFalse();
            assertThat(stagingTables.partitions(TABLE)).contains("p14");
            stagingTables.removeLeftovers(TABLES); // the sweep, while the table is still busy
            assertThat(stagingTables.partitions(TABLE)).contains("p14");
            assertThat(rowsOf(14)).as("rows of the busy leftover, deleted instead").isZero();
            reader.commit();
        } finally {
            cleanup.shutdown();
        }

        stagingTables.remove(List.of(15L), TABLES);

        assertThat(stagingTables.partitions(TABLE)).containsExactly("pdefault");
    }

    @Test
    void leftoversOfFinishedRunsAreRemovedAndThoseOfUnfinishedRunsKept() {
        stagingTables.prepare(16, false, TABLES);
        stage(16, 2); // its partition's drop and the DELETE after it failed
        stage(17, 3); // staged without a partition of its own
        stage(18, 1);
        stagingTables.prepare(19, false, TABLES);
        stage(19, 2);
        jdbc.update(schema.sql(INSERT_RUN), 160, 16, "ABANDONED");
        jdbc.update(schema.sql(INSERT_RUN), 170, 17, "ABANDONED");
        jdbc.update(schema.sql(INSERT_RUN), 180, 18, "FAILED");
        jdbc.update(schema.sql(INSERT_RUN), 190, 19, "STARTED");

        stagingTables.removeLeftovers(TABLES);

        assertThat(stagingTables.partitions(TABLE)).containsExactlyInAnyOrder("pdefault", "p19");
        assertThat(rowsOf(16)).isZero();
        assertThat(rowsOf(17)).isZero();
        assertThat(rowsOf(18)).isEqualTo(1);
        assertThat(rowsOf(19)).isEqualTo(2);
    }

    @Test
    void onH2TheRowsOfARunAreDeleted() {
        DriverManagerDataSource h2 = new DriverManagerDataSource(
                "jdbc:h2:mem:staging-" + java.util.UUID.randomUUID() + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=VALUE;DB_CLOSE_DELAY=-1", "sa", "");
        ResultsSchema h2Schema = new ResultsSchema("custos_results");
        ResultsMigration.migrate(h2, h2Schema);
        JdbcTemplate h2Jdbc = new JdbcTemplate(h2);
        h2Jdbc.execute(h2Schema.sql(CREATE_TABLE));
        StagingTables onH2 = new StagingTables(h2Jdbc, new DataSourceTransactionManager(h2), h2Schema);

        onH2.prepare(1, false, TABLES);
        h2Jdbc.update(h2Schema.sql(INSERT_ROW), 1, 1);
        h2Jdbc.update(h2Schema.sql(INSERT_ROW), 2, 1);
        onH2.remove(List.of(1L), TABLES);

        assertThat(h2Jdbc.queryForList(h2Schema.sql("SELECT job_instance_id FROM {results}.demo_stage"), Long.class))
                .containsExactly(2L);
    }

    private static void stage(long instance, int rows) {
        for (int line = 1; line <= rows; line++) {
            jdbc.update(schema.sql(INSERT_ROW), instance, line);
        }
    }

    private static long rowsOf(long instance) {
        return jdbc.queryForObject(schema.sql(ROWS_OF), Long.class, instance);
    }

    private static long rowsInPartition(String partition) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM %s PARTITION (%s)".formatted(schema.table(TABLE), partition),
                Long.class);
    }
}
