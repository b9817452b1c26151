package dev.custos.scheduler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.custos.common.period.Period;
import dev.custos.common.results.CodeVersion;
import dev.custos.common.period.PeriodType;
import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.Installation;

/**
 * Every wrong command line ends with one line on stderr starting {@code custos: }, no stack trace
 * anywhere, and the exit code of {@link ExitCodes}: 2 for what the operator typed wrong, 4 for an
 * environment that cannot be used (database unreachable, configuration file missing).
 */
@Timeout(120)
class CommandLineErrorsTest {

    @TempDir
    static Path dir;

    static Installation installation;

    @BeforeAll
    static void createInstallation() {
        installation = Installation.create(CommandLineErrorsTest.class, dir);
    }

    @AfterAll
    static void dropInstallation() {
        if (installation != null) {
            installation.close();
        }
    }

    @Test
    void anUnwritableLogFileLeavesTheConsoleToTheCommand() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("not-a-folder"), "");

        CommandResult result = CommandResult.custos(withLogFile(notAFolder.resolve("custos.log"), "executions"));

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.console()).as(result.describe()).doesNotContainIgnoringCase("logback")
                .doesNotContain("ERROR");
    }

    @Test
    void aNewLogFileIsReadableByItsOwnerOnly() throws Exception {
        Path log = dir.resolve("new-logs").resolve("custos.log");

        CommandResult result = CommandResult.custos(withLogFile(log, "executions"));

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------");
    }

    /** The installation's command line with {@code log} as its log file. */
    private static String[] withLogFile(Path log, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        installation.overrides().stream().filter(override -> !override.startsWith("--logging.file.name="))
                .forEach(args::add);
        args.add("--logging.file.name=" + log);
        return args.toArray(String[]::new);
    }

    @Test
    void unknownCommandIsAUsageError() {
        CommandResult result = CommandResult.custos("bogus");

        assertOneErrorLine(result, ExitCodes.USAGE, "'bogus'");
    }

    @Test
    void noCommandIsAUsageError() {
        CommandResult result = CommandResult.custos();

        assertOneErrorLine(result, ExitCodes.USAGE, "missing command");
    }

    @Test
    void unknownJobIsAUsageErrorNamingTheKnownJobs() {
        CommandResult result = installation.custos("run", "no-such-job", "--period", "2026-Q3");

        assertOneErrorLine(result, ExitCodes.USAGE, "unknown job 'no-such-job'");
        assertThat(result.err()).contains("training-coverage");
    }

    @Test
    void unreadablePeriodIsAUsageError() {
        CommandResult result = installation.custos("run", "training-coverage", "--period", "2026-Q9");

        assertOneErrorLine(result, ExitCodes.USAGE, "invalid period '2026-Q9'");
    }

    @Test
    void monthGivenToAQuarterlyJobIsAUsageError() {
        CommandResult result = installation.custos("run", "training-coverage", "--period", "2026-07");

        assertOneErrorLine(result, ExitCodes.USAGE, "training-coverage: runs per quarter");
        assertThat(result.err()).contains("'2026-07'");
    }

    @Test
    void aQuarterThatIsNotOverYetIsAUsageErrorAndNothingRuns() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC); // the installation's custos.zone
        Period current = Period.containing(PeriodType.QUARTER, today);

        CommandResult result = installation.custos("run", "training-coverage", "--period", current.toString());

        assertOneErrorLine(result, ExitCodes.USAGE, "training-coverage: " + current + " is not over yet (today is "
                + today + " in UTC); the latest period it can run is " + Period.lastClosed(PeriodType.QUARTER, today));
        assertThat(result.err()).contains("its scheduled run would skip it");
        assertThat(installation.runs("training-coverage")).isEmpty();
    }

    @Test
    void aBackupDayAfterTodayIsAUsageErrorWhetherRunOrBackfilled() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String tomorrow = today.plusDays(1).toString();

        CommandResult run = installation.custos("run", "backup", "--period", tomorrow);
        CommandResult backfill = installation.custos("backfill", "backup", "--from", today.minusDays(1).toString(),
                "--to", tomorrow);

        assertOneErrorLine(run, ExitCodes.USAGE, "backup: " + tomorrow + " has not begun (today is " + today);
        assertOneErrorLine(backfill, ExitCodes.USAGE, "backup: " + tomorrow + " has not begun");
        assertThat(installation.runs("backup")).as("the backfill checks both ends before running any day").isEmpty();
    }

    @Test
    void drillAskedOfAJobWithoutADrillIsAUsageError() {
        CommandResult result = installation.custos("run", "training-coverage", "--period", "2026-Q3", "--drill");

        assertOneErrorLine(result, ExitCodes.USAGE, "training-coverage has no option [--drill]");
        assertThat(installation.runs("training-coverage")).isEmpty();
    }

    @Test
    void restartOfAnUnknownExecutionIsAUsageError() {
        CommandResult result = installation.custos("restart", "987654");

        assertOneErrorLine(result, ExitCodes.USAGE, "no execution 987654");
    }

    @Test
    void restartOfANonNumericExecutionIdIsAUsageError() {
        CommandResult result = installation.custos("restart", "latest");

        assertOneErrorLine(result, ExitCodes.USAGE, "'latest'");
    }

    @Test
    void rescheduleWithAnInvalidCronIsAUsageError() {
        CommandResult result = installation.custos("reschedule", "training-coverage", "--cron", "61 * * * * ?");

        assertOneErrorLine(result, ExitCodes.USAGE, "invalid cron for training-coverage: '61 * * * * ?'");
    }

    @Test
    void rescheduleWithACronThatNeverFiresIsAUsageError() {
        CommandResult result = installation.custos("reschedule", "backup", "--cron", "0 0 0 31 2 ?");

        assertOneErrorLine(result, ExitCodes.USAGE, "invalid cron for backup: '0 0 0 31 2 ?' never fires");
    }

    @Test
    void executionsWithAnUnknownStatusIsAUsageErrorNamingTheStatuses() {
        CommandResult result = installation.custos("executions", "--status", "BOGUS");

        assertOneErrorLine(result, ExitCodes.USAGE, "unknown status 'BOGUS'");
        assertThat(result.err()).contains("STARTED, COMPLETED, FAILED, STOPPED, ABANDONED");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void executionsOfAnUnknownJobIsAUsageErrorNamingTheKnownJobs() {
        CommandResult result = installation.custos("executions", "--job", "nope");

        assertOneErrorLine(result, ExitCodes.USAGE, "unknown job 'nope'");
        assertThat(result.err()).contains("training-coverage", "backup");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void executionsOfAnUnreadablePeriodIsAUsageErrorNamingTheFormat() {
        CommandResult result = installation.custos("executions", "--period", "2025-13");

        assertOneErrorLine(result, ExitCodes.USAGE, "invalid period '2025-13'");
        assertThat(result.err()).contains("a month 2026-11");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void executionsWithANegativeLimitIsAUsageError() {
        CommandResult result = installation.custos("executions", "--limit", "-1");

        assertOneErrorLine(result, ExitCodes.USAGE, "--limit is a number of rows, 0 or more");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void executionsInAnUnknownFormatIsAUsageError() {
        CommandResult result = installation.custos("executions", "--format", "xml");

        assertOneErrorLine(result, ExitCodes.USAGE, "'xml'");
        assertThat(result.err()).contains("custos executions --help");
    }

    @Test
    void theHintOfASubcommandNamesItsWholeCommandPath() {
        CommandResult result = CommandResult.custos("backup", "verify");

        assertOneErrorLine(result, ExitCodes.USAGE, "Missing required parameter");
        assertThat(result.errLines().get(0)).endsWith("(see 'custos backup verify --help')");
    }

    @Test
    void versionIsTheCodeVersionRunsRecord() {
        CommandResult result = CommandResult.custos("--version");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.out().strip()).isEqualTo("custos " + CodeVersion.current())
                .matches("custos \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\+([0-9a-f]{40}|unknown)(\\.dirty)?");
        for (String[] subcommand : List.of(new String[] {"executions", "--version"},
                new String[] {"backup", "list", "--version"})) {
            assertThat(CommandResult.custos(subcommand).out()).as(String.join(" ", subcommand))
                    .isEqualTo(result.out());
        }
    }

    @Test
    void anH2DatabaseWithoutTheResultsSchemaIsOneLineSayingHowToPointAtADatabase() {
        Path h2 = dir.resolve("empty-h2");
        String url = "jdbc:h2:file:" + h2.resolve("custos") + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=VALUE";

        CommandResult result = CommandResult.custos("executions", "--spring.datasource.url=" + url,
                "--logging.file.name=" + dir.resolve("empty-h2.log"));

        assertOneErrorLine(result, ExitCodes.ENVIRONMENT, "the database has no Custos tables");
        assertThat(result.errLines().get(0)).contains("custos_results", "--config FILE", "SPRING_DATASOURCE_URL",
                "custos demo").doesNotContain("SELECT");
    }

    @Test
    void missingConfigFileIsAnEnvironmentError() {
        Path missing = dir.resolve("nowhere/custos.properties");

        CommandResult result = CommandResult.custos("executions", "--config", missing.toString());

        assertOneErrorLine(result, ExitCodes.ENVIRONMENT, missing.toString());
    }

    @Test
    void unreachableDatabaseIsAnEnvironmentErrorForAReadOnlyCommand() {
        CommandResult result = CommandResult.custos("executions", "--spring.datasource.url=jdbc:mariadb://127.0.0.1:1/x");

        assertOneErrorLine(result, ExitCodes.ENVIRONMENT, "cannot reach the database");
    }

    @Test
    void unreachableDatabaseIsAnEnvironmentErrorForARun() {
        CommandResult result = CommandResult.custos("run", "training-coverage", "--period", "2026-Q3",
                "--spring.datasource.url=jdbc:mariadb://127.0.0.1:1/x");

        assertOneErrorLine(result, ExitCodes.ENVIRONMENT, "cannot reach the database");
    }

    @Test
    void aDatabaseCustosNeverRanAgainstIsAnEnvironmentErrorSayingHowToSetItUp() {
        try (Installation neverRan = Installation.create(CommandLineErrorsTest.class, dir.resolve("never-ran"))) {
            CommandResult result = neverRan.custos("executions");

            assertOneErrorLine(result, ExitCodes.ENVIRONMENT, "the database has no Custos tables");
            assertThat(result.errLines().get(0)).contains("custos.results.schema");
        }
    }

    static Stream<String> commands() {
        return Stream.of("demo", "serve", "worker", "run", "restart", "abandon", "executions", "schedules", "pause", "resume",
                "reschedule", "backfill", "report", "evidence", "backup", "user");
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpOfEveryCommandPrintsItsUsage(String command) {
        CommandResult result = CommandResult.custos(command, "--help");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.out()).startsWith("Usage: custos " + command).contains("--help");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void helpOfCustosListsEveryCommand() {
        CommandResult result = CommandResult.custos("--help");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.out()).startsWith("Usage: custos");
        commands().forEach(command -> assertThat(result.out()).contains("  " + command + " "));
    }

    private static void assertOneErrorLine(CommandResult result, int exitCode, String fragment) {
        assertThat(result.exitCode()).as(result.describe()).isEqualTo(exitCode);
        assertThat(result.errLines()).as(result.describe()).hasSize(1);
        assertThat(result.errLines().get(0)).startsWith("custos: ").contains(fragment);
        assertThat(result.showsStackTrace()).as(result.describe()).isFalse();
    }
}
