package dev.custos.scheduler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.custos.common.outbox.Outbox;
import dev.custos.common.period.Period;
import dev.custos.jobs.reconciliation.sample.ReconciliationSampleData;
import dev.custos.jobs.training.sample.TrainingSampleData;
import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.Installation;

/**
 * Inputs belong to their period: runs without {@code --inbox} and backfills read
 * {@code <inbox>/<job>/<period>/}; a backfill refuses to start while a period's folder is missing or
 * empty; a run given another period's files byte for byte, or a quarter's training export without
 * a completion dated in the quarter, completes flagged (summary.json, command output, report).
 * Each test works on periods of its own, so they share one installation.
 */
@Timeout(300)
class InputsOfTheirPeriodTest {

    private static final String RECONCILIATION = "permission-reconciliation";
    private static final String TRAINING = "training-coverage";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;

    static Installation installation;

    @BeforeAll
    static void createInstallation() {
        installation = Installation.create(InputsOfTheirPeriodTest.class, dir.resolve("custos"));
    }

    @AfterAll
    static void dropInstallation() {
        if (installation != null) {
            installation.close();
        }
    }

    @Test
    void backfillRefusesAMissingPeriodFolderNamingItAndRunsNothing() {
        writeTraining("2023-Q1");
        writeTraining("2023-Q3");
        Path missing = installation.inbox(TRAINING, "2023-Q2").toAbsolutePath().normalize();

        CommandResult backfill = installation.custos("backfill", TRAINING, "--from", "2023-Q1", "--to", "2023-Q3");

        assertThat(backfill.exitCode()).as(backfill.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(backfill.errLines()).as(backfill.describe()).hasSize(1);
        assertThat(backfill.errLines().get(0)).startsWith("custos: backfill of training-coverage refused, nothing was run")
                .contains("the input folder of 2023-Q2, " + missing + ", is missing");
        assertThat(backfill.out()).isEmpty();
        assertThat(backfill.showsStackTrace()).isFalse();
        assertThat(installation.runs(TRAINING)).as("no run started, not even the first period's")
                .noneMatch(run -> run.period().startsWith("2023-"));
    }

    @Test
    void backfillRefusesAnEmptyPeriodFolderNamingItAndRunsNothing() throws IOException {
        writeTraining("2022-Q1");
        Path empty = Files.createDirectories(installation.inbox(TRAINING, "2022-Q2")).toAbsolutePath().normalize();
        Files.writeString(empty.resolve(".hidden"), "not an input file\n");

        CommandResult backfill = installation.custos("backfill", TRAINING, "--from", "2022-Q1", "--to", "2022-Q2");

        assertThat(backfill.exitCode()).as(backfill.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(backfill.errLines()).as(backfill.describe()).containsExactly(backfill.errLines().get(0));
        assertThat(backfill.errLines().get(0)).contains("the input folder of 2022-Q2, " + empty + ", is empty");
        assertThat(installation.runs(TRAINING)).noneMatch(run -> run.period().startsWith("2022-"));
    }

    /** The defect as seen: three months run from January's files, without a word. */
    @Test
    void backfillGivenOneMonthsFolderAsItsInboxRunsNoMonthFromIt() {
        Path january = writeReconciliation("2024-01", installation.inbox(RECONCILIATION, "2024-01"), 1);

        CommandResult backfill = installation.custos("backfill", RECONCILIATION, "--from", "2024-01", "--to", "2024-03",
                "--inbox", january.toString());

        assertThat(backfill.exitCode()).as(backfill.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(backfill.errLines()).as(backfill.describe()).hasSize(1);
        assertThat(backfill.errLines().get(0)).contains("the input folder of 2024-01, "
                + january.toAbsolutePath().normalize().resolve(RECONCILIATION).resolve("2024-01") + ", is missing")
                .contains("--inbox names the inbox root");
        assertThat(installation.runs(RECONCILIATION)).noneMatch(run -> run.period().startsWith("2024-"));
    }

    @Test
    void runGivenAnotherMonthsFilesByteIdenticalIsFlaggedInputReusedFromThatMonth() throws IOException {
        Path january = writeReconciliation("2025-01", installation.inbox(RECONCILIATION, "2025-01"), 1);
        Path february = Files.createDirectories(installation.inbox(RECONCILIATION, "2025-02"));
        try (Stream<Path> files = Files.list(january)) {
            for (Path file : files.toList()) {
                Files.copy(file, february.resolve(file.getFileName()));
            }
        }
        writeReconciliation("2025-03", installation.inbox(RECONCILIATION, "2025-03"), 3);

        CommandResult first = installation.custos("run", RECONCILIATION, "--period", "2025-01");
        CommandResult reused = installation.custos("run", RECONCILIATION, "--period", "2025-02");
        CommandResult own = installation.custos("run", RECONCILIATION, "--period", "2025-03");

        assertThat(first.exitCode()).as(first.describe()).isZero();
        assertThat(first.err()).as(first.describe()).isEmpty();
        assertThat(warnings("2025-01", RECONCILIATION)).isEmpty();

        assertThat(reused.exitCode()).as(reused.describe()).isZero();
        assertThat(reused.errLines()).as(reused.describe()).hasSize(1);
        assertThat(reused.errLines().get(0))
                .startsWith("custos: warning: permission-reconciliation 2025-02: input_reused_from 2025-01: the 6 input "
                        + "files of permission-reconciliation 2025-02 are byte-identical (same SHA-256) to those of its "
                        + "completed run of 2025-01");
        assertThat(warnings("2025-02", RECONCILIATION)).singleElement().satisfies(warning -> {
            assertThat(warning).containsEntry("name", "input_reused_from").containsEntry("value", "2025-01");
            assertThat((String) warning.get("message")).contains("run it again with --rerun");
        });
        assertThat(reused.out()).as("the figures still stand").contains("leavers_with_access");

        assertThat(own.exitCode()).as(own.describe()).isZero();
        assertThat(own.err()).as(own.describe()).isEmpty();
        assertThat(summary("2025-03", RECONCILIATION)).as("no warnings key when there is none")
                .doesNotContainKey("warnings");

        String report = report("2025-Q1");
        assertThat(report).contains("| WARNING |").contains("input_reused_from 2025-01: ");
        assertThat(report.lines().filter(line -> line.contains("| WARNING |")).toList()).singleElement()
                .satisfies(line -> assertThat(line).contains("| 2025-02 |"));
    }

    @Test
    void trainingQuarterWithNoCompletionDatedInsideItIsFlagged() throws IOException {
        Path q3 = installation.inbox(TRAINING, "2025-Q3");
        TrainingSampleData.write(q3, Period.parse("2025-Q1"), TrainingSampleData.Sizes.demo(), 9, false);

        CommandResult stale = installation.custos("run", TRAINING, "--period", "2025-Q3");

        assertThat(stale.exitCode()).as(stale.describe()).isZero();
        assertThat(stale.errLines()).as(stale.describe()).hasSize(1);
        assertThat(stale.errLines().get(0)).matches("custos: warning: training-coverage 2025-Q3: no_completion_in_period "
                + "\\d{4}-\\d\\d-\\d\\d\\.\\.\\d{4}-\\d\\d-\\d\\d: training_completions\\.csv has \\d+ completions, all dated .*"
                + ", none in 2025-Q3, .*");
        assertThat(warnings("2025-Q3", TRAINING)).singleElement()
                .satisfies(warning -> assertThat(warning).containsEntry("name", "no_completion_in_period"));
        assertThat(report("2025-Q3")).contains("| WARNING |").contains("no_completion_in_period ");
    }

    @Test
    void training2025CompletionsFedIntoA2026QuarterAreFlagged() {
        Path q3 = installation.inbox(TRAINING, "2026-Q3");
        TrainingSampleData.write(q3, Period.parse("2025-Q3"), TrainingSampleData.Sizes.demo(), 11, false);

        CommandResult stale = installation.custos("run", TRAINING, "--period", "2026-Q3");

        assertThat(stale.exitCode()).as(stale.describe()).isZero();
        assertThat(stale.err()).as(stale.describe()).contains("no_completion_in_period")
                .contains("none in 2026-Q3");
        assertThat(warnings("2026-Q3", TRAINING)).extracting(warning -> warning.get("name"))
                .containsExactly("no_completion_in_period");
    }

    private static void writeTraining(String quarter) {
        TrainingSampleData.write(installation.inbox(TRAINING, quarter), Period.parse(quarter),
                TrainingSampleData.Sizes.demo(), quarter.hashCode(), false);
    }

    private static Path writeReconciliation(String month, Path folder, long activitySeed) {
        ReconciliationSampleData.write(folder, Period.parse(month), ReconciliationSampleData.Sizes.demo(), 11L,
                activitySeed, false);
        return folder;
    }

    private static Map<String, Object> summary(String period, String job) {
        return JSON.readValue(installation.outbox().resolve(job).resolve(period).resolve(Outbox.SUMMARY).toFile(),
                new TypeReference<Map<String, Object>>() { });
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> warnings(String period, String job) {
        return (List<Map<String, Object>>) summary(period, job).getOrDefault("warnings", List.of());
    }

    private static String report(String period) throws IOException {
        Path file = dir.resolve("report-" + period + ".md");
        CommandResult report = installation.custos("report", "--period", period, "--format", "md", "--out",
                file.toString());
        assertThat(report.exitCode()).as(report.describe()).isZero();
        return Files.readString(file);
    }
}
