package dev.custos.scheduler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.custos.common.period.Period;
import dev.custos.jobs.reconciliation.sample.ReconciliationSampleData;
import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.Installation;

/**
 * Stored times do not depend on the JVM's zone: {@code custos.jar} run in New York writes a run and
 * exports its evidence, and run in Tokyo lists the same instants in {@code executions} and finds the
 * bundle intact, since the application keeps its times in UTC whatever {@code user.timezone} says.
 */
@Timeout(600)
class TimeZoneIndependenceIT {

    private static final String NEW_YORK = "America/New_York";
    private static final String TOKYO = "Asia/Tokyo";
    private static final String JOB = "permission-reconciliation";
    private static final String MONTH = "2026-08";

    @TempDir
    static Path dir;

    static Installation installation;

    @AfterAll
    static void dropInstallation() {
        if (installation != null) {
            installation.close();
        }
    }

    @Test
    void nodesInNewYorkAndTokyoSeeTheSameInstantsAndVerifyEachOthersEvidence() throws Exception {
        installation = Installation.create(TimeZoneIndependenceIT.class, dir.resolve("custos"));
        Path inbox = installation.inbox(JOB, MONTH);
        ReconciliationSampleData.write(inbox, Period.parse(MONTH), ReconciliationSampleData.Sizes.demo(), 7, 202608, true);
        Path key = dir.resolve("keys").resolve("evidence-signing-key.pem");
        Files.createDirectories(key.getParent());
        String signing = "--custos.evidence.signing-key=" + key;

        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CommandResult run = custos(NEW_YORK, "run", JOB, "--period", MONTH);
        Instant after = Instant.now();
        assertThat(run.exitCode()).as(run.describe()).isZero();

        JsonNode inNewYork = executions(NEW_YORK);
        JsonNode inTokyo = executions(TOKYO);
        assertThat(inTokyo).isEqualTo(inNewYork);
        Instant started = Instant.parse(inTokyo.get(0).get("startedAt").asString());
        Instant ended = Instant.parse(inTokyo.get(0).get("endedAt").asString());
        assertThat(started).as("the instant the run started, in UTC").isBetween(before, ended);
        assertThat(ended).isBeforeOrEqualTo(after);

        CommandResult created = custos(NEW_YORK, "evidence", "key", "create", key.toString());
        assertThat(created.exitCode()).as(created.describe()).isZero();
        Path bundle = dir.resolve("bundle-" + MONTH);
        CommandResult export = custos(NEW_YORK, "evidence", "--period", MONTH, "--out", bundle.toString(), signing);
        assertThat(export.exitCode()).as(export.describe()).isZero();
        assertThat(Files.readString(bundle.resolve("runs.csv"))).contains(inTokyo.get(0).get("startedAt").asString()
                .replace("Z", ""));

        CommandResult verify = custos(TOKYO, "evidence", "verify", bundle.toString(), signing);
        assertThat(verify.exitCode()).as(verify.describe()).isZero();
        assertThat(verify.out()).contains("intact");
    }

    private static JsonNode executions(String zone) throws IOException, InterruptedException {
        CommandResult executions = custos(zone, "executions", "--format", "json");
        assertThat(executions.exitCode()).as(executions.describe()).isZero();
        JsonNode runs = JsonMapper.builder().build().readTree(executions.out());
        assertThat(runs).as(executions.describe()).hasSize(1);
        return runs;
    }

    /** {@code java -Duser.timezone=ZONE -jar custos.jar args...} against the installation. */
    private static CommandResult custos(String zone, String... args) throws IOException, InterruptedException {
        String jar = System.getProperty("custos.jar");
        assertThat(jar).as("system property custos.jar (set by failsafe)").isNotNull();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.timezone=" + zone, "-jar", jar));
        command.addAll(List.of(installation.args(args)));
        Path out = Files.createTempFile(dir, "custos", ".out");
        Path err = Files.createTempFile(dir, "custos", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("custos %s ended", String.join(" ", args)).isTrue();
        return new CommandResult(process.exitValue(), Files.readString(out), Files.readString(err), "");
    }
}
