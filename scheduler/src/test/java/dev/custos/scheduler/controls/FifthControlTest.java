package dev.custos.scheduler.controls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.Installation;
import dev.custos.scheduler.evidence.EvidenceSigningKey;

/**
 * A control is one module: key-rotation (testing/fifth-control, on the scheduler's test classpath
 * only, switched on by one property) takes part in every command like the four real ones, with no
 * line of the scheduler or job-common naming it. Its month's inventory holds four keys, three
 * rotated within 90 days of the month's end, and one row with a bad date.
 */
class FifthControlTest {

    private static final String JOB = "key-rotation";
    private static final String MONTH = "2026-11";
    private static final String ENABLED = "--custos.fifth-control.enabled=true";

    @TempDir
    static Path home;

    private static Installation installation;
    private static CommandResult run;

    @BeforeAll
    static void runTheFifthControlFromTheCommandLine() throws IOException {
        installation = Installation.create(FifthControlTest.class, home);
        Path inbox = Files.createDirectories(home.resolve("inputs/" + JOB + "/" + MONTH));
        Files.writeString(inbox.resolve("key_inventory.csv"), """
                key_id,rotated_on
                K-1,2026-11-20
                K-2,2026-10-01
                K-3,2026-09-02
                K-4,2026-06-30
                K-5,not-a-date
                """);
        run = custos("run", JOB, "--period", MONTH, "--inbox", inbox.toString());
    }

    @AfterAll
    static void dropDatabase() {
        installation.close();
    }

    private static CommandResult custos(String... args) {
        String[] enabled = new String[args.length + 1];
        System.arraycopy(args, 0, enabled, 0, args.length);
        enabled[args.length] = ENABLED;
        return installation.custos(enabled);
    }

    @Test
    void fifthControlAppearsInSchedulesWithItsOwnCron() {
        CommandResult schedules = custos("schedules");

        assertThat(schedules.exitCode()).as(schedules.describe()).isZero();
        assertThat(schedules.outLines()).filteredOn(line -> line.startsWith(JOB + " ")).singleElement()
                .satisfies(line -> assertThat(line).contains(" 0 0 6 1 * ? ", " NORMAL "));
    }

    @Test
    void fifthControlRunsFromCustosRunAndPublishesItsKpi() throws IOException {
        assertThat(run.exitCode()).as(run.describe()).isZero();
        JsonNode summary = JsonMapper.builder().build()
                .readTree(Files.readString(installation.outbox().resolve(JOB + "/" + MONTH + "/summary.json")));
        assertThat(summary.get("job").asString()).isEqualTo(JOB);
        assertThat(summary.get("status").asString()).isEqualTo("COMPLETED");
        JsonNode kpi = null;
        for (JsonNode metric : summary.get("metrics")) {
            if (metric.get("name").asString().equals("keys_rotated")) {
                kpi = metric;
            }
        }
        assertThat(kpi).as("keys_rotated in summary.json").isNotNull();
        assertThat(kpi.get("value").asDouble()).isEqualTo(0.75);
        assertThat(kpi.get("target").asDouble()).isEqualTo(1.0);
        assertThat(kpi.get("met").asBoolean()).isFalse();
        assertThat(installation.publishedMetrics(JOB, MONTH)).containsEntry("keys_rotated", 0.75)
                .containsEntry("keys", 4.0).containsEntry("rows_read", 5.0).containsEntry("rows_rejected", 1.0);
        assertThat(installation.queryLong("SELECT COUNT(*) FROM " + installation.database().resultsSchema()
                + ".kr_key_stage")).as("staging emptied once published").isZero();
    }

    @Test
    void fifthControlShowsInTheReportOfItsMonth() throws IOException {
        Path file = home.resolve("report.md");
        CommandResult report = custos("report", "--period", MONTH, "--format", "md", "--out", file.toString());

        assertThat(report.exitCode()).as(report.describe()).isZero();
        assertThat(Files.readString(file)).contains(JOB, "keys_rotated");
    }

    @Test
    void fifthControlsRunAndKpiAreInTheEvidenceBundle() throws IOException {
        Path bundle = home.resolve("evidence");
        Path key = home.resolve("evidence-signing-key.pem");
        EvidenceSigningKey.create(key);
        String signingKey = "--custos.evidence.signing-key=" + key;

        CommandResult export = custos("evidence", "--period", MONTH, "--out", bundle.toString(), signingKey);

        assertThat(export.exitCode()).as(export.describe()).isZero();
        assertThat(Files.readAllLines(bundle.resolve("runs.csv"))).anyMatch(line -> line.contains(JOB)
                && line.contains(MONTH) && line.contains("COMPLETED"));
        assertThat(Files.readAllLines(bundle.resolve("metrics.csv"))).anyMatch(line -> line.contains(JOB)
                && line.contains("keys_rotated"));
        assertThat(bundle.resolve("reports/" + JOB + "/" + MONTH + "/summary.json")).isRegularFile();
        CommandResult verify = custos("evidence", "verify", bundle.toString(), signingKey);
        assertThat(verify.exitCode()).as(verify.describe()).isZero();
    }

    @Test
    void withoutItsPropertyTheFifthControlIsUnknown() {
        CommandResult unknown = installation.custos("run", JOB, "--period", MONTH);

        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.err()).contains("unknown job '" + JOB + "'");
        assertThat(List.of(unknown.out(), unknown.err())).noneMatch(text -> text.contains("Exception"));
    }
}
