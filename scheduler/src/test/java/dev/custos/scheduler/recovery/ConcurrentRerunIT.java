package dev.custos.scheduler.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.custos.common.period.Period;
import dev.custos.jobs.reconciliation.sample.ReconciliationSampleData;
import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.Installation;

/**
 * Two {@code custos run ... --rerun} of one completed period started together, as two processes:
 * one runs and publishes, the other is refused with exit 1 and one line naming the running
 * execution; the period's findings are exactly one run's.
 */
@Timeout(1200)
class ConcurrentRerunIT {

    private static final String JOB = "permission-reconciliation";
    private static final String MONTH = "2026-10";
    private static final String CHUNK_SIZE = "--custos.chunk-size=200";
    private static final String ALL_FINDINGS = "SELECT COUNT(*) FROM %s.reconciliation_finding";
    private static final String PUBLISHED_FINDINGS = """
            SELECT COUNT(*) FROM %1$s.reconciliation_finding f
            JOIN %1$s.period_result p ON p.job_instance_id = f.job_instance_id
            WHERE p.job = ? AND p.period = ?""";
    /* the winner may not have named its execution yet when the loser gave up waiting for it */
    private static final Pattern REFUSAL = Pattern.compile("^custos: " + Pattern.quote(JOB + " " + MONTH)
            + " is already running (?:as execution (\\d+)|\\(its execution is starting\\)) on .+$");

    @TempDir
    static Path dir;

    static Path inbox;
    static Installation installation;
    static long cleanFindings;
    static Map<String, Double> cleanFigures;

    @BeforeAll
    static void runTheMonthOnce() {
        inbox = dir.resolve("inbox");
        // long enough (tens of seconds) for two runs started together to overlap
        ReconciliationSampleData.write(inbox, Period.parse(MONTH), new ReconciliationSampleData.Sizes(3_000, 60_000),
                2026, 11, true);
        installation = Installation.create(ConcurrentRerunIT.class, dir.resolve("home"));
        CommandResult clean = installation.custos("run", JOB, "--period", MONTH, "--inbox", inbox.toString(), CHUNK_SIZE);
        assertThat(clean.exitCode()).as(clean.describe()).isZero();
        cleanFindings = publishedFindings();
        cleanFigures = installation.publishedMetrics(JOB, MONTH);
        assertThat(cleanFindings).isPositive();
    }

    @AfterAll
    static void dropInstallation() {
        if (installation != null) {
            installation.close();
        }
    }

    @RepeatedTest(3)
    void concurrentRerunsOfOnePeriodLetExactlyOneWrite() throws Exception {
        Path logs = Files.createTempDirectory(dir, "rerun");
        String[] rerun = {"run", JOB, "--period", MONTH, "--inbox", inbox.toString(), "--rerun", CHUNK_SIZE};
        try (JarRun first = JarRun.start(installation, logs.resolve("first"), rerun);
             JarRun second = JarRun.start(installation, logs.resolve("second"), rerun)) {
            List<JarRun> runs = List.of(first, second);
            for (JarRun run : runs) {
                assertThat(run.waitFor(10, TimeUnit.MINUTES)).as("the run ends").isTrue();
            }
            List<JarRun> winners = runs.stream().filter(run -> run.exitValue() == 0).toList();
            List<JarRun> losers = runs.stream().filter(run -> run.exitValue() != 0).toList();
            assertThat(winners).as(first.describe() + second.describe()).hasSize(1);
            assertThat(losers).as(first.describe() + second.describe()).hasSize(1);
            JarRun winner = winners.get(0);
            JarRun loser = losers.get(0);
            long completed = JarRun.completedExecution(winner.result(), JOB, MONTH);

            assertThat(loser.exitValue()).isEqualTo(1);
            assertThat(loser.result().out()).as(loser.describe()).isEmpty();
            assertThat(loser.result().errLines()).as(loser.describe()).hasSize(1);
            Matcher refusal = REFUSAL.matcher(loser.result().errLines().get(0));
            assertThat(refusal.matches()).as(loser.describe()).isTrue();
            if (refusal.group(1) != null) {
                assertThat(Long.parseLong(refusal.group(1))).as("the refusal names the running execution")
                        .isEqualTo(completed);
            }
        }
        assertThat(publishedFindings()).isEqualTo(cleanFindings);
        assertThat(installation.queryLong(ALL_FINDINGS.formatted(installation.database().resultsSchema())))
                .as("no finding rows of another run are left beside the published ones").isEqualTo(cleanFindings);
        assertThat(installation.publishedMetrics(JOB, MONTH)).isEqualTo(cleanFigures);
        assertThat(installation.queryLong("SELECT COUNT(*) FROM %s.period_lock"
                .formatted(installation.database().resultsSchema()))).as("the period is released").isZero();
    }

    private static long publishedFindings() {
        return installation.queryLong(PUBLISHED_FINDINGS.formatted(installation.database().resultsSchema()), JOB, MONTH);
    }
}
