package dev.custos.common.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.custos.common.CustosException;
import dev.custos.common.InputFileException;

class RunRecorderFailureMessageTest {

    private static final String EMAIL = "ann.lee@corp.test";

    private final JobExecution execution = new JobExecution(7, new JobInstance(3, "training-coverage"), new JobParameters());

    @Test
    void theEarliestFailedStepsRootCauseIsTheMessageWhateverFailedAfterIt() {
        StepExecution later = step(12, new IllegalStateException("publish refused: rows do not add up"));
        StepExecution earlier = step(11, new RuntimeException("wrapped",
                new IllegalArgumentException("hr_roster.csv not found in /in")));
        execution.addFailureException(new IllegalStateException("flow ended"));
        execution.addStepExecution(later);
        execution.addStepExecution(earlier);

        assertThat(RunRecorder.failureMessage(execution)).contains("hr_roster.csv not found in /in");
    }

    @Test
    void theOperatorsMessageWinsOverTheLibraryFailureItWraps() {
        execution.addStepExecution(step(11, new IllegalStateException("step failed", new InputFileException(
                "hr_roster.csv: cannot read the record starting at line 3: (startline 3) EOF reached before"
                        + " encapsulated token finished",
                new IOException("(startline 3) EOF reached before encapsulated token finished")))));

        assertThat(RunRecorder.failureMessage(execution)).contains("hr_roster.csv: cannot read the record starting at"
                + " line 3: (startline 3) EOF reached before encapsulated token finished");
    }

    @Test
    void anOperatorsMessageWrappingAnotherKeepsItsContext() {
        execution.addStepExecution(step(11, new IllegalStateException("step failed", new CustosException(
                "writing the archive failed 3 time(s); giving up: connection refused. No manifest was written;"
                        + " once the store answers, restart the run (custos restart 7)",
                new CustosException("connection refused")))));

        assertThat(RunRecorder.failureMessage(execution)).hasValueSatisfying(message -> assertThat(message)
                .contains("failed 3 time(s)", "No manifest was written", "custos restart 7"));
    }

    @Test
    void theJobsOwnFailureIsTheMessageWhenNoStepFailed() {
        execution.addStepExecution(new StepExecution(11, "trainingRosterImportStep", execution));
        execution.addFailureException(new IllegalStateException("no such step"));

        assertThat(RunRecorder.failureMessage(execution)).contains("no such step");
    }

    @Test
    void aRunWithoutFailuresHasNoMessage() {
        assertThat(RunRecorder.failureMessage(execution)).isEmpty();
    }

    @Test
    void aDatabaseRefusalNamesStepKindAndTableButNoneOfTheRowsValues() {
        RuntimeException refusal = refusedInsertOnH2();
        assertThat(refusal).as("H2's own text quotes the row").hasStackTraceContaining(EMAIL);
        execution.addStepExecution(step(11, refusal));

        assertThat(RunRecorder.failureMessage(execution)).hasValue("step step11: database error "
                + "JdbcSQLIntegrityConstraintViolationException (SQL state 23505, vendor code 23505) on table people");
    }

    @Test
    void aDatabaseRefusalIsLoggedByItsExceptionsClassesAndSqlStateWithTheirStackTraces() {
        RuntimeException refusal = refusedInsertOnH2();

        StringWriter log = new StringWriter();
        RunFailure.forLog(refusal).printStackTrace(new PrintWriter(log));

        assertThat(log.toString()).doesNotContain(EMAIL).doesNotContain("Ann Lee")
                .contains(DuplicateKeyException.class.getName(),
                        "Caused by: org.h2.jdbc.JdbcSQLIntegrityConstraintViolationException (SQL state 23505",
                        "at org.springframework.jdbc.core.JdbcTemplate");
    }

    @Test
    void aFailureOtherThanTheDatabasesIsLoggedAsItIs() {
        IllegalStateException failure = new IllegalStateException("publish refused: rows do not add up");

        assertThat(RunFailure.forLog(failure)).isSameAs(failure);
    }

    @Test
    void aMessageOfSeveralLinesIsStoredOnOne() {
        execution.addStepExecution(step(11, new IllegalStateException("first line\n  second line\r\nthird")));

        assertThat(RunRecorder.failureMessage(execution)).hasValue("first line second line third");
    }

    private static RuntimeException refusedInsertOnH2() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:refusal" + System.nanoTime() + ";MODE=MariaDB;DB_CLOSE_DELAY=-1");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE people (email VARCHAR(100) PRIMARY KEY, full_name VARCHAR(100))");
        jdbc.update("INSERT INTO people (email, full_name) VALUES (?, ?)", EMAIL, "Ann Lee");
        try {
            jdbc.update("INSERT INTO people (email, full_name) VALUES (?, ?)", EMAIL, "Ann Lee");
        } catch (RuntimeException e) {
            return e;
        } finally {
            jdbc.execute("SHUTDOWN");
        }
        throw new AssertionError("H2 took a repeated primary key");
    }

    private StepExecution step(long id, Throwable failure) {
        StepExecution step = new StepExecution(id, "step" + id, execution);
        step.addFailureException(failure);
        return step;
    }
}
