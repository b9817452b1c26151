package dev.custos.scheduler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.Installation;

/**
 * A run MariaDB refuses a row of ("Duplicate entry 'Review of Zyxwv Qwertyuiop ...' for key ...",
 * here through a unique index the test puts on the staged findings' titles) fails with a message
 * that names the step, the kind of error and the table, on one line; the database's text, which
 * quotes the row, reaches neither the command's output, nor {@code executions}, nor the run row,
 * nor Spring Batch's exit messages, nor the log file, which keeps the exceptions by class and SQL
 * state with their stack traces.
 */
@Timeout(300)
class DatabaseRefusalOutputsTest {

    private static final String TITLE = "Review of Zyxwv Qwertyuiop (zq.marker@example.com)";
    private static final List<String> TRACES = List.of("zyxwv", "qwertyuiop", "zq.marker", "Duplicate entry");
    private static final String KIND = "database error SQLIntegrityConstraintViolationException (SQL state 23000, "
            + "vendor code 1062) on table ar_finding_stage";
    private static final String MESSAGE = "step rollupFindingsImportStep: " + KIND;

    @TempDir
    static Path dir;

    static Installation installation;
    static CommandResult run;

    @BeforeAll
    static void runTheRollupOnFindingsTheDatabaseRefuses() throws IOException, SQLException {
        installation = Installation.create(DatabaseRefusalOutputsTest.class, dir.resolve("custos"));
        Path earlier = Files.createDirectories(installation.inbox("audit-rollup", "2020"));
        Files.writeString(earlier.resolve("audit_findings.csv"),
                "finding_id,audit_year,opened_on,severity,category,title,status,closed_on\n"
                        + "AF-0,2020,2020-02-01,HIGH,Access control,Quarterly review,OPEN,\n");
        CommandResult tablesCreated = installation.custos("run", "audit-rollup", "--period", "2020");
        assertThat(tablesCreated.exitCode()).as(tablesCreated.describe()).isZero();
        try (Connection connection = installation.database().connect();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE UNIQUE INDEX title_once ON " + installation.database().resultsSchema()
                    + ".ar_finding_stage (job_instance_id, title)");
        }
        Path inbox = Files.createDirectories(installation.inbox("audit-rollup", "2021"));
        Files.writeString(inbox.resolve("audit_findings.csv"),
                "finding_id,audit_year,opened_on,severity,category,title,status,closed_on\n"
                        + "AF-1,2021,2021-02-01,HIGH,Access control," + TITLE + ",OPEN,\n"
                        + "AF-2,2021,2021-02-01,HIGH,Access control," + TITLE + ",OPEN,\n");
        run = installation.custos("run", "audit-rollup", "--period", "2021");
    }

    @AfterAll
    static void dropInstallation() {
        if (installation != null) {
            installation.close();
        }
    }

    @Test
    void theFailedRunSaysOnOneLineWhichStepTheDatabaseRefusedAndHow() {
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.errLines()).as(run.describe()).hasSize(2);
        assertThat(run.errLines().get(0)).isEqualTo("custos: audit-rollup 2021 failed: " + MESSAGE);
        assertThat(run.showsStackTrace()).as(run.describe()).isFalse();
        assertThat(installation.runs("audit-rollup")).filteredOn(stored -> stored.period().equals("2021")).singleElement()
                .satisfies(stored -> assertThat(stored.exitMessage()).isEqualTo(MESSAGE));
    }

    @Test
    void noOutputTableOrLogQuotesTheRefusedRow() throws IOException {
        CommandResult executions = installation.custos("executions", "--format", "json");
        assertThat(executions.exitCode()).as(executions.describe()).isZero();
        assertThat(executions.out()).contains(MESSAGE);

        List<String> batchMessages = new ArrayList<>();
        installation.query("SELECT EXIT_MESSAGE FROM BATCH_JOB_EXECUTION", rs -> batchMessages.add(rs.getString(1)));
        installation.query("SELECT EXIT_MESSAGE FROM BATCH_STEP_EXECUTION", rs -> batchMessages.add(rs.getString(1)));
        assertThat(batchMessages).contains(MESSAGE);

        String log = Files.readString(installation.logFile());
        assertThat(log).as("the log keeps the failure by kind, with its stack trace")
                .contains("step rollupFindingsImportStep failed: " + KIND,
                        "Caused by: java.sql.SQLIntegrityConstraintViolationException (SQL state 23000, vendor code 1062)",
                        "\tat ");
        for (String output : List.of(run.out(), run.err(), run.console(), executions.out(), executions.err(),
                String.join("\n", batchMessages), log)) {
            for (String trace : TRACES) {
                assertThat(output.toLowerCase()).doesNotContain(trace.toLowerCase());
            }
        }
    }
}
