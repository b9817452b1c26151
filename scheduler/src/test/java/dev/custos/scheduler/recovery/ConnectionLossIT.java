package dev.custos.scheduler.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.custos.common.period.Period;
import dev.custos.jobs.reconciliation.sample.ReconciliationSampleData;
import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.Installation;
import dev.custos.scheduler.Installation.Run;

/**
 * permission-reconciliation whose database connection is killed ({@code KILL} from another
 * connection, as a failover or a DBA would) in an import chunk, in a tasklet and in the
 * publication: the run ends FAILED (never UNKNOWN) with one {@code custos:} line and no stack
 * trace, the printed advice works, and the resumed run ends with the figures and finding rows of
 * a run that was never interrupted. With the default of one retry, a lost connection is resumed
 * by the run itself.
 */
@Timeout(1500)
class ConnectionLossIT {

    private static final String JOB = "permission-reconciliation";
    private static final String MONTH = "2026-10";
    private static final String CHUNK_SIZE = "--custos.chunk-size=200";
    private static final String NO_RETRY = "--custos.launch.connection-retries=0";
    private static final String STATEMENTS_UNDER_WAY = """
            SELECT ID FROM information_schema.PROCESSLIST
            WHERE DB = ? AND COMMAND <> 'Sleep' AND ID <> CONNECTION_ID() AND INFO LIKE ?""";
    private static final String LOCK_GRANT_STAGE = "SELECT COUNT(*) FROM %s.rc_grant_stage FOR UPDATE";
    private static final String HOLD_PERIOD_ROW = "SELECT holder FROM %s.period_lock WHERE job = ? AND period = ? FOR UPDATE";

    @TempDir
    static Path dir;

    static Path inbox;
    static Installation reference;

    @BeforeAll
    static void runTheMonthUninterrupted() {
        inbox = dir.resolve("inbox");
        ReconciliationSampleData.write(inbox, Period.parse(MONTH), new ReconciliationSampleData.Sizes(3_000, 60_000),
                2026, 11, true);
        reference = Installation.create(ConnectionLossIT.class, dir.resolve("reference"));
        CommandResult uninterrupted = reference.custos("run", JOB, "--period", MONTH, "--inbox", inbox.toString(),
                CHUNK_SIZE);
        assertThat(uninterrupted.exitCode()).as(uninterrupted.describe()).isZero();
    }

    @AfterAll
    static void dropReference() {
        if (reference != null) {
            reference.close();
        }
    }

    @ParameterizedTest(name = "connection killed running {0}; resumed with custos {1}")
    @CsvSource({
            "a grant import chunk, restart",
            "the staging cleanup tasklet, restart",
            "the publication, run"})
    void aKilledConnectionLeavesARestartableFailedRunThatResumesToTheCleanResults(String point, String resume)
            throws Exception {
        Path home = dir.resolve("killed-" + point.replace(' ', '-'));
        try (Installation blipped = Installation.create(ConnectionLossIT.class, home)) {
            CommandResult failed;
            try (JarRun run = JarRun.start(blipped, home, "run", JOB, "--period", MONTH, "--inbox", inbox.toString(),
                    CHUNK_SIZE, NO_RETRY)) {
                killConnection(blipped, run, point);
                assertThat(run.waitFor(5, TimeUnit.MINUTES)).isTrue();
                failed = run.result();
            }
            assertThat(failed.exitCode()).as(failed.describe()).isEqualTo(1);
            assertThat(failed.showsStackTrace()).as(failed.describe()).isFalse();
            assertThat(failed.errLines()).as(failed.describe()).allMatch(line -> line.startsWith("custos: "));
            long executionId = blipped.runs(JOB).get(0).executionId();
            assertThat(failed.errLines()).as(failed.describe())
                    .contains("custos: fix the cause, then resume with: custos restart " + executionId);
            assertThat(JarRun.batchExecution(blipped, executionId)).startsWith("FAILED: ");
            assertThat(Files.readString(blipped.logFile())).as("the details are in the log file").contains("\tat ");

            CommandResult resumed = "run".equals(resume)
                    ? blipped.custos("run", JOB, "--period", MONTH, "--inbox", inbox.toString(), CHUNK_SIZE)
                    : blipped.custos("restart", String.valueOf(executionId), CHUNK_SIZE);

            assertThat(resumed.exitCode()).as(resumed.describe()).isZero();
            assertThat(blipped.runs(JOB)).extracting(Run::status).containsExactly("FAILED", "COMPLETED");
            assertEndsLikeTheUninterruptedRun(blipped);
        }
    }

    @Test
    void aConnectionLostInAChunkIsResumedByTheRunItself() throws Exception {
        Path home = dir.resolve("retried");
        try (Installation blipped = Installation.create(ConnectionLossIT.class, home)) {
            CommandResult completed;
            try (JarRun run = JarRun.start(blipped, home, "run", JOB, "--period", MONTH, "--inbox", inbox.toString(),
                    CHUNK_SIZE)) {
                killConnection(blipped, run, "a grant import chunk");
                assertThat(run.waitFor(5, TimeUnit.MINUTES)).isTrue();
                completed = run.result();
            }
            assertThat(completed.exitCode()).as(completed.describe()).isZero();
            assertThat(completed.showsStackTrace()).as(completed.describe()).isFalse();
            assertThat(completed.err()).as(completed.describe()).isEmpty();
            assertThat(blipped.runs(JOB)).extracting(Run::status).containsExactly("FAILED", "COMPLETED");
            assertEndsLikeTheUninterruptedRun(blipped);
        }
    }

    /** Kills the run's connection while it runs a statement of {@code point}. */
    private static void killConnection(Installation installation, JarRun run, String point) throws Exception {
        switch (point) {
            case "a grant import chunk" -> {
                // a chunk's LOAD DATA takes milliseconds: the table is locked for a moment, so that one waits to be killed
                run.awaitStepUnderWay("reconciliationGrantFileImportStep%", 3);
                try (Connection holder = installation.database().connect(); Statement lock = holder.createStatement()) {
                    lock.execute("LOCK TABLES %s.rc_grant_stage WRITE".formatted(installation.database().resultsSchema()));
                    killStatement(installation, run, "LOAD DATA %rc_grant_stage%");
                    lock.execute("UNLOCK TABLES");
                }
            }
            case "the staging cleanup tasklet" -> {
                // the staging rows are locked (plain reads go on), so the cleanup's DELETE waits there to be killed
                run.awaitStepUnderWay("reconciliationFindingsStep", 1);
                try (Connection holder = installation.database().connect(); Statement lock = holder.createStatement()) {
                    holder.setAutoCommit(false);
                    lock.executeQuery(LOCK_GRANT_STAGE.formatted(installation.database().resultsSchema())).close();
                    killStatement(installation, run, "DELETE FROM %rc_grant_stage%");
                    holder.rollback();
                }
            }
            case "the publication" -> {
                // the publication waits on the period's row while this test holds it, so its statement is there to kill
                run.awaitStepUnderWay("reconciliationFindingsStep", 1);
                try (Connection holder = installation.database().connect()) {
                    holder.setAutoCommit(false);
                    try (PreparedStatement hold = holder.prepareStatement(
                            HOLD_PERIOD_ROW.formatted(installation.database().resultsSchema()))) {
                        hold.setString(1, JOB);
                        hold.setString(2, MONTH);
                        hold.executeQuery().close();
                    }
                    killStatement(installation, run, "SELECT execution_id FROM %period_lock%FOR UPDATE");
                    holder.rollback();
                }
            }
            default -> throw new IllegalArgumentException(point);
        }
    }

    private static void killStatement(Installation installation, JarRun run, String statementLike) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        try (Connection connection = installation.database().connect();
             PreparedStatement underWay = connection.prepareStatement(STATEMENTS_UNDER_WAY);
             Statement kill = connection.createStatement()) {
            underWay.setString(1, installation.database().name());
            underWay.setString(2, statementLike);
            while (System.nanoTime() < deadline) {
                assertThat(run.isAlive()).as("the run is still running when its statement is to be killed: "
                        + run.describe()).isTrue();
                List<Long> ids = new ArrayList<>();
                try (ResultSet rs = underWay.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                if (!ids.isEmpty()) {
                    try {
                        kill.execute("KILL " + ids.get(0));
                        return;
                    } catch (SQLException gone) {
                        // the statement ended and its connection was closed meanwhile: look again
                    }
                }
                Thread.sleep(2);
            }
        }
        throw new AssertionError("no statement like " + statementLike + " was seen under way");
    }

    private static void assertEndsLikeTheUninterruptedRun(Installation installation) throws Exception {
        Map<String, Double> figures = installation.publishedMetrics(JOB, MONTH);
        assertThat(figures).isEqualTo(reference.publishedMetrics(JOB, MONTH));
        assertThat(JarRun.publishedReconciliationFindings(installation, MONTH)).isEqualTo(JarRun.publishedReconciliationFindings(reference, MONTH)).isNotEmpty();
        Path expected = reference.outbox().resolve(JOB).resolve(MONTH).resolve("revocations.csv");
        Path actual = installation.outbox().resolve(JOB).resolve(MONTH).resolve("revocations.csv");
        assertThat(Files.mismatch(actual, expected)).as("revocations.csv differs at byte").isEqualTo(-1L);
    }
}
