package dev.custos.scheduler.cli;

import static java.nio.file.Files.getPosixFilePermissions;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.custos.common.period.Period;
import dev.custos.common.period.PeriodType;
import dev.custos.scheduler.CommandResult;

/**
 * {@code custos demo} needs no server: it runs every job on an H2 database under its directory,
 * prints the KPI summary, and leaves a {@code custos.properties} that other commands can use.
 */
@Timeout(180)
class DemoCommandTest {

    private static final Pattern OUTCOME = Pattern.compile("^(\\S+) (\\S+): COMPLETED \\(execution (\\d+)\\)$");

    @TempDir
    Path dir;

    @Test
    void demoRunsEveryJobAndLeavesAConfigurationForTheOtherCommands() throws IOException {
        Path home = dir.resolve("demo");

        CommandResult demo = CommandResult.custos("demo", "--dir", home.toString());

        assertThat(demo.exitCode()).as(demo.describe()).isZero();
        assertThat(demo.out()).startsWith("Custos demo: KPI summary")
                .contains("training-coverage ", "coverage ", "target 1", "rows_read")
                .contains("More: custos executions --config " + home.resolve("custos.properties"));
        assertThat(demo.err()).isEmpty();
        List<Long> executions = completedExecutions(demo);
        assertThat(executions).as(demo.describe()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(home.resolve("custos.properties")).isRegularFile().content()
                .contains("spring.datasource.url=jdbc:h2:file:");
        assertThat(home.resolve("out/training-coverage")).isDirectory();
        assertThat(demo.out()).contains("backup ", "verified ", "permission-reconciliation ", "leavers_with_access ",
                "audit-rollup ", "reduction ", "backup_success_rate ");
        assertThat(demo.out()).as("the demo's backup key is never printed")
                .doesNotContain(readString(home.resolve("backup-keyset.json")));
        Path year = Path.of(Period.lastClosed(PeriodType.YEAR, LocalDate.now(ZoneOffset.UTC)).toString());
        assertThat(home.resolve("out/report").resolve(year).resolve("report.html")).isRegularFile()
                .content().contains("<svg");
        JsonNode rollup = JsonMapper.builder().build().readTree(readString(home.resolve("out/audit-rollup").resolve(year)
                .resolve("summary.json")));
        JsonNode backupRate = null;
        for (JsonNode metric : rollup.get("metrics")) {
            if (metric.get("name").asString().equals("backup_success_rate")) {
                backupRate = metric;
            }
        }
        assertThat(backupRate).as("the rollup's backup success rate").isNotNull();
        assertThat(backupRate.get("value").asDouble()).as("backups on the year's last 5 days only, due all year")
                .isLessThan(0.02);
        assertThat(backupRate.get("met").asBoolean()).isFalse();
        String report = readString(home.resolve("out/report").resolve(year).resolve("report.html"));
        assertThat(report).as("each control's sentence of what to do in the executive summary")
                .containsPattern("\\d+ of 36[56] due days from " + year + "-01-01 to " + year + "-12-31 have no verified "
                        + "backup: list them with custos executions --job backup")
                .containsPattern("(\\d+ of \\d+ employees in scope lack a required course: follow up the people listed "
                        + "in gaps.csv of " + year + "-Q4\\.|Everyone in scope completed their courses in " + year + "-Q4\\.)")
                .containsPattern("(\\d+ leavers? still ha(s|ve) access: revoke the grants listed in revocations.csv of "
                        + year + "-12\\.|No leaver holds access at the end of " + year + "-12)");
        assertThat(demo.out()).contains("Report of " + year + " for managers: "
                + home.resolve("out/report").resolve(year).resolve("report.html"));

        Path key = home.resolve(DemoCommand.DEMO_SIGNING_KEY);
        assertThat(home.resolve("custos.properties")).content().contains("custos.evidence.signing-key=" + key);
        assertThat(PosixFilePermissions.toString(getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(demo.out()).as("the demo's signing key is never printed").doesNotContain(readString(key)
                .lines().filter(line -> !line.startsWith("-----")).findFirst().orElseThrow());
        Path bundle = dir.resolve("evidence-" + year + ".zip");
        CommandResult evidence = CommandResult.custos("evidence", "--period", year.toString(), "--out",
                bundle.toString(), "--config", home.resolve("custos.properties").toString());
        assertThat(evidence.exitCode()).as(evidence.describe()).isZero();
        CommandResult verified = CommandResult.custos("evidence", "verify", bundle.toString(), "--config",
                home.resolve("custos.properties").toString());
        assertThat(verified.exitCode()).as(verified.describe()).isZero();
        assertThat(verified.out()).contains("signature: valid, by this installation's key");

        CommandResult listed = CommandResult.custos("executions", "--config", home.resolve("custos.properties").toString());

        assertThat(listed.exitCode()).as(listed.describe()).isZero();
        assertThat(listed.outLines().get(0)).startsWith("ID ");
        for (long execution : executions) {
            assertThat(listed.outLines()).as(listed.describe())
                    .anyMatch(line -> line.matches(execution + " .* COMPLETED .*"));
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Long> completedExecutions(CommandResult demo) {
        List<Long> executions = new ArrayList<>();
        for (String line : demo.outLines()) {
            Matcher matcher = OUTCOME.matcher(line);
            if (matcher.matches()) {
                executions.add(Long.parseLong(matcher.group(3)));
            }
        }
        return executions;
    }
}
