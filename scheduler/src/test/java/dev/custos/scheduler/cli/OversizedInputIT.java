package dev.custos.scheduler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.custos.common.period.Period;
import dev.custos.jobs.training.sample.TrainingSampleData;
import dev.custos.scheduler.Installation;

/**
 * An input with a header line or a field of hundreds of megabytes, read by the jar in a JVM of
 * 256 MB heap as an operator would run it: the run ends FAILED with one line naming the file and
 * the line, not with an {@link OutOfMemoryError} that leaves the execution STARTED. The files are
 * written a chunk at a time, never held in memory.
 */
@Timeout(600)
class OversizedInputIT {

    private static final String ROSTER_HEADER = "employee_id,full_name,email,department,role,status,hired_on,departed_on";
    private static final long MB = 1024 * 1024;

    @TempDir
    static Path dir;

    static Installation installation;
    static Path samples;

    @BeforeAll
    static void createInstallation() {
        installation = Installation.create(OversizedInputIT.class, dir.resolve("custos"));
        samples = dir.resolve("samples");
        TrainingSampleData.write(samples, Period.parse("2023-Q4"), TrainingSampleData.Sizes.demo(), 42, false);
    }

    @AfterAll
    static void dropInstallation() {
        if (installation != null) {
            installation.close();
        }
    }

    @Test
    void fiftyMegabyteHeaderLineFailsTheRunWithOneLineNamingTheFile() throws Exception {
        Path inbox = inboxWithoutRoster("header");
        try (Writer roster = Files.newBufferedWriter(inbox.resolve(TrainingSampleData.ROSTER_FILE), StandardCharsets.UTF_8)) {
            roster.write(ROSTER_HEADER + ",");
            repeat(roster, 'h', 50 * MB);
            roster.write("\nE1,Ann,ann@example.com,Sales,Clerk,ACTIVE,2020-01-01,\n");
        }

        Outcome outcome = runWithSmallHeap("2023-Q1", inbox);

        assertThat(outcome.exitCode()).as(outcome.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(outcome.errLines()).as(outcome.describe()).first().isEqualTo("custos: training-coverage 2023-Q1 failed: "
                + "hr_roster.csv: the header row starting at line 1 is longer than 1048576 characters"
                + " (custos.csv.max-record-chars); the file cannot be read on from there: export it again, or raise the"
                + " limit");
        assertNoHeapExhaustion(outcome);
        assertThat(executionStatuses("2023-Q1")).containsExactly("FAILED");
    }

    @Test
    void hundredFiftyMegabyteFieldFailsTheRunNamingTheFileAndTheLine() throws Exception {
        Path inbox = inboxWithoutRoster("field");
        try (Writer roster = Files.newBufferedWriter(inbox.resolve(TrainingSampleData.ROSTER_FILE), StandardCharsets.UTF_8)) {
            roster.write(ROSTER_HEADER + "\nE1,Ann,ann@example.com,Sales,Clerk,ACTIVE,2020-01-01,\nE2,\"");
            repeat(roster, 'f', 150 * MB);
            roster.write("\",bob@example.com,Sales,Clerk,ACTIVE,2020-01-01,\n");
        }

        Outcome outcome = runWithSmallHeap("2023-Q2", inbox);

        assertThat(outcome.exitCode()).as(outcome.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(outcome.errLines()).as(outcome.describe()).first().isEqualTo("custos: training-coverage 2023-Q2 failed: "
                + "hr_roster.csv: the record starting at line 3 is longer than 1048576 characters"
                + " (custos.csv.max-record-chars); the file cannot be read on from there: export it again, or raise the"
                + " limit");
        assertNoHeapExhaustion(outcome);
        assertThat(executionStatuses("2023-Q2")).containsExactly("FAILED");
    }

    @Test
    void unterminatedQuoteFailsTheRunNamingTheFileAndTheLine() throws Exception {
        Path inbox = inboxWithoutRoster("quote");
        Files.writeString(inbox.resolve(TrainingSampleData.ROSTER_FILE), ROSTER_HEADER
                + "\nE1,Ann,ann@example.com,Sales,Clerk,ACTIVE,2020-01-01,\nE2,\"Bob,bob@example.com,Sales,Clerk,ACTIVE,"
                + "2020-01-01,\nE3,Cy,cy@example.com,Sales,Clerk,ACTIVE,2020-01-01,\n");

        Outcome outcome = runWithSmallHeap("2023-Q3", inbox);

        assertThat(outcome.exitCode()).as(outcome.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(outcome.errLines()).as(outcome.describe()).first().asString()
                .startsWith("custos: training-coverage 2023-Q3 failed: hr_roster.csv: cannot read the record starting at"
                        + " line 3: ");
        assertThat(executionStatuses("2023-Q3")).containsExactly("FAILED");
    }

    private static Path inboxWithoutRoster(String name) throws IOException {
        Path inbox = Files.createDirectories(dir.resolve(name));
        Files.copy(samples.resolve(TrainingSampleData.REQUIREMENTS_FILE), inbox.resolve(TrainingSampleData.REQUIREMENTS_FILE));
        Files.copy(samples.resolve(TrainingSampleData.COMPLETIONS_FILE), inbox.resolve(TrainingSampleData.COMPLETIONS_FILE));
        return inbox;
    }

    private static void repeat(Writer out, char c, long count) throws IOException {
        char[] chunk = new char[64 * 1024];
        Arrays.fill(chunk, c);
        for (long written = 0; written < count; written += chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, count - written));
        }
    }

    /** {@code java -Xmx256m -jar custos.jar run training-coverage --period P --inbox DIR}, to its end. */
    private static Outcome runWithSmallHeap(String period, Path inbox) throws Exception {
        String jar = System.getProperty("custos.jar");
        assertThat(jar).as("system property custos.jar (set by failsafe)").isNotNull();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar));
        command.addAll(List.of(installation.args("run", "training-coverage", "--period", period, "--inbox",
                inbox.toString())));
        Path out = dir.resolve(period + ".out");
        Path err = dir.resolve(period + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the run ends").isTrue();
        } finally {
            process.destroyForcibly();
        }
        return new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static void assertNoHeapExhaustion(Outcome outcome) {
        assertThat(outcome.out() + outcome.err()).as(outcome.describe())
                .doesNotContain("OutOfMemoryError", "Java heap space", "\tat ");
    }

    private static List<String> executionStatuses(String period) {
        List<String> statuses = new ArrayList<>();
        installation.query("SELECT e.STATUS FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_EXECUTION_PARAMS p"
                        + " ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID WHERE p.PARAMETER_NAME = 'period'"
                        + " AND p.PARAMETER_VALUE = ?",
                rs -> statuses.add(rs.getString(1)), period);
        return statuses;
    }

    private record Outcome(int exitCode, String out, String err) {

        List<String> errLines() {
            return err.lines().toList();
        }

        String describe() {
            String shownOut = out.length() > 4000 ? out.substring(0, 4000) + "..." : out;
            String shownErr = err.length() > 4000 ? err.substring(0, 4000) + "..." : err;
            return "exit " + exitCode + "\n--- out:\n" + shownOut + "--- err:\n" + shownErr;
        }
    }
}
