package dev.custos.scheduler.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.Installation;

/**
 * {@code java -jar custos.jar ...} run as operators run it, against an installation, so a test
 * can kill it with SIGKILL part-way through a step; and what the Batch tables say about it.
 */
final class JarRun implements AutoCloseable {

    private static final String PUBLISHED_RECONCILIATION_FINDINGS = """
            SELECT f.employee_id, f.system, f.permission, f.rule, f.status, f.days_departed, f.granted_on, f.last_used_on
            FROM %1$s.reconciliation_finding f
            JOIN %1$s.period_result p ON p.job_instance_id = f.job_instance_id
            WHERE p.job = ? AND p.period = ?
            ORDER BY f.employee_id, f.system, f.permission""";
    private static final String STEP_UNDER_WAY = """
            SELECT STEP_NAME FROM BATCH_STEP_EXECUTION
            WHERE STATUS = 'STARTED' AND COMMIT_COUNT >= ? AND STEP_NAME LIKE ? ORDER BY STEP_EXECUTION_ID""";
    private static final String BATCH_TABLES = """
            SELECT COUNT(*) FROM information_schema.tables
            WHERE table_schema = DATABASE() AND table_name = 'BATCH_STEP_EXECUTION'""";

    private final Installation installation;
    private final Process process;
    private final Path out;
    private final Path err;

    private JarRun(Installation installation, Process process, Path out, Path err) {
        this.installation = installation;
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts the jar with {@code args} and the installation's overrides; output goes to files in {@code logDir}. */
    static JarRun start(Installation installation, Path logDir, String... args) throws IOException {
        String jar = System.getProperty("custos.jar");
        assertThat(jar).as("system property custos.jar (set by failsafe)").isNotNull();
        assertThat(Path.of(jar)).isRegularFile();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar));
        command.addAll(List.of(installation.args(args)));
        Files.createDirectories(logDir);
        Path out = logDir.resolve("run.out");
        Path err = logDir.resolve("run.err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new JarRun(installation, process, out, err);
    }

    /** Waits until the process has printed a line containing {@code text} on stdout, and returns that line. */
    String awaitOutput(String text, Duration patience) {
        return await().atMost(patience).pollInterval(Duration.ofMillis(200)).until(() -> {
            String line = Files.readAllLines(out).stream().filter(l -> l.contains(text)).findFirst().orElse(null);
            if (line == null && !process.isAlive()) {
                throw new AssertionError("the process ended (exit " + process.exitValue() + ") without printing '"
                        + text + "':\n" + Files.readString(out) + Files.readString(err));
            }
            return line;
        }, Objects::nonNull);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** What the process wrote on stdout and stderr so far. */
    String output() throws IOException {
        return Files.readString(out) + Files.readString(err);
    }

    long pid() {
        return process.pid();
    }

    int exitValue() {
        return process.exitValue();
    }

    boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        return process.waitFor(timeout, unit);
    }

    /** What the ended process printed, with its exit code. */
    CommandResult result() throws IOException {
        return new CommandResult(process.exitValue(), Files.readString(out), Files.readString(err), "");
    }

    /** Exit code and output, for assertion messages. */
    String describe() throws IOException {
        return "\n=== pid " + process.pid() + (process.isAlive() ? " (running)" : ": " + result().describe());
    }

    /**
     * Waits until a step whose name is like {@code stepNamePattern} (SQL LIKE) is under way with at
     * least {@code commits} chunks committed, and returns its name.
     */
    String awaitStepUnderWay(String stepNamePattern, int commits) {
        return await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> stepUnderWay(stepNamePattern, commits), Objects::nonNull);
    }

    private String stepUnderWay(String stepNamePattern, int commits) throws IOException {
        if (!process.isAlive()) {
            throw new AssertionError("the run ended (exit " + process.exitValue() + ") before it could be killed:\n"
                    + Files.readString(out) + Files.readString(err));
        }
        if (installation.queryLong(BATCH_TABLES) == 0) {
            return null; // not migrated yet: the process is still starting
        }
        List<String> steps = new ArrayList<>();
        installation.query(STEP_UNDER_WAY, rs -> steps.add(rs.getString(1)), commits, stepNamePattern);
        return steps.isEmpty() ? null : steps.get(0);
    }

    void killDashNine() throws IOException, InterruptedException {
        signal("-9");
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the killed process is gone").isTrue();
    }

    /** {@code kill -STOP}: the process stands still where it is, its connections and transactions open. */
    void suspend() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** {@code kill -CONT}: a suspended process goes on where it stood. */
    void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    /** The execution id in the line {@code "<job> <period>: COMPLETED (execution N)"} of a command's output. */
    static long completedExecution(CommandResult result, String job, String period) {
        Matcher matcher = Pattern.compile("^" + Pattern.quote(job + " " + period) + ": COMPLETED \\(execution (\\d+)\\)$",
                Pattern.MULTILINE).matcher(result.out());
        assertThat(matcher.find()).as(result.describe()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    /** The executions Spring Batch still has as STARTED. */
    /** The findings a permission-reconciliation run published for {@code period}, one text line each, in key order. */
    static List<String> publishedReconciliationFindings(Installation installation, String period) {
        List<String> findings = new ArrayList<>();
        installation.query(PUBLISHED_RECONCILIATION_FINDINGS.formatted(installation.database().resultsSchema()), rs -> {
            StringBuilder row = new StringBuilder();
            for (int column = 1; column <= 8; column++) {
                row.append(rs.getString(column)).append('|');
            }
            findings.add(row.toString());
        }, "permission-reconciliation", period);
        return findings;
    }

    static List<Long> startedExecutions(Installation installation) {
        List<Long> started = new ArrayList<>();
        installation.query("SELECT JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION WHERE STATUS = 'STARTED'",
                rs -> started.add(rs.getLong(1)));
        return started;
    }

    /** "STATUS: EXIT_MESSAGE" of a job execution in the Batch tables. */
    static String batchExecution(Installation installation, long execution) {
        List<String> status = new ArrayList<>();
        installation.query("SELECT STATUS, EXIT_MESSAGE FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
                rs -> status.add(rs.getString(1) + ": " + rs.getString(2)), execution);
        return status.get(0);
    }

    /** Items read by each step of an execution, by step name. */
    static Map<String, Long> stepReads(Installation installation, long execution) {
        Map<String, Long> reads = new LinkedHashMap<>();
        installation.query("SELECT STEP_NAME, READ_COUNT FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ?",
                rs -> reads.put(rs.getString(1), rs.getLong(2)), execution);
        return reads;
    }
}
