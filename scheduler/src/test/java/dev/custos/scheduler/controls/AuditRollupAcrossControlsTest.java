package dev.custos.scheduler.controls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.custos.common.job.Control;
import dev.custos.common.job.RunParameters;
import dev.custos.common.period.Period;
import dev.custos.common.results.Metric;
import dev.custos.common.results.PeriodKpis;
import dev.custos.common.results.PeriodLock;
import dev.custos.common.results.PublishedRun;
import dev.custos.common.results.ResultsRepository;
import dev.custos.common.results.ResultsSchema;
import dev.custos.common.results.RunCounts;
import dev.custos.common.results.RunRow;
import dev.custos.common.sample.SampleInputs;
import dev.custos.common.store.BlobStore;
import dev.custos.common.test.CustosTestApplication;
import dev.custos.common.test.TestDatabase;
import dev.custos.jobs.backup.BackupJobConfig;
import dev.custos.jobs.reconciliation.PermissionReconciliationJobConfig;
import dev.custos.jobs.reconciliation.sample.ReconciliationSampleData;
import dev.custos.jobs.reconciliation.sample.ReconciliationSampleInputs;
import dev.custos.jobs.rollup.AuditRollupJobConfig;
import dev.custos.jobs.rollup.sample.AuditRollupSampleData;
import dev.custos.jobs.rollup.sample.AuditRollupSampleInputs;
import dev.custos.jobs.training.TrainingCoverageJobConfig;
import dev.custos.jobs.training.sample.TrainingSampleData;
import dev.custos.jobs.training.sample.TrainingSampleInputs;

/**
 * The rollup on MariaDB, next to the jobs whose results it reads (here, where all controls meet, so
 * that no job module depends on another): the year's figures are the ones
 * real training-coverage and permission-reconciliation runs published, the backup success rate is
 * the one the backup control computes from its published days, and every figure without a run
 * behind it is missing with the reason. Each test uses a year of its own.
 */
@SpringBootTest(classes = {CustosTestApplication.class, AuditRollupAcrossControlsTest.Jobs.class})
class AuditRollupAcrossControlsTest {

    private static final TestDatabase DATABASE = TestDatabase.create(AuditRollupAcrossControlsTest.class);
    private static final AtomicLong HAND_MADE_IDS = new AtomicLong(900_000_000L);

    @Import({AuditRollupJobConfig.class, TrainingCoverageJobConfig.class, PermissionReconciliationJobConfig.class,
            BackupJobConfig.class})
    static class Jobs {
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
        registry.add("custos.store.dir", () -> STORE.toString());
    }

    @TempDir
    static Path STORE;

    @TempDir
    Path dir;

    @Autowired
    JobOperator jobOperator;

    @Autowired
    PeriodLock periodLock;

    @Autowired
    Job auditRollupJob;

    @Autowired
    Job trainingCoverageJob;

    @Autowired
    Job permissionReconciliationJob;

    @Autowired
    ResultsRepository results;

    @Autowired
    ResultsSchema schema;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    BlobStore store;

    @Autowired
    List<Control> controls;

    @Autowired
    List<Job> jobs;

    @Autowired
    List<PeriodKpis> periodKpis;

    @AfterAll
    static void dropDatabase() {
        DATABASE.drop();
    }

    @Test
    void theYearsFiguresAreWhatRealTrainingAndReconciliationRunsPublished() throws Exception {
        Period year = Period.parse("2024");
        for (String quarter : List.of("2024-Q1", "2024-Q2", "2024-Q3")) {
            Path inbox = dir.resolve("in/training/" + quarter);
            TrainingSampleData.write(inbox, Period.parse(quarter), TrainingSampleData.Sizes.demo(), quarter.hashCode(), true);
            assertThat(run(trainingCoverageJob, quarter, inbox).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        }
        for (String month : List.of("2024-01", "2024-02")) {
            Path inbox = dir.resolve("in/reconciliation/" + month);
            ReconciliationSampleData.write(inbox, Period.parse(month), ReconciliationSampleData.Sizes.demo(), 7L,
                    month.hashCode(), true);
            assertThat(run(permissionReconciliationJob, month, inbox).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        }
        Path findings = dir.resolve("in/rollup/2024");
        long rows = AuditRollupSampleData.write(findings, year, 1, 42L);

        JobExecution execution = run(auditRollupJob, "2024", findings);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, Metric> rollup = metrics(AuditRollupJobConfig.JOB_NAME, "2024");
        for (String quarter : List.of("2024-Q1", "2024-Q2", "2024-Q3")) {
            Metric coverage = metrics(TrainingCoverageJobConfig.JOB_NAME, quarter).get("coverage");
            assertThat(coverage.value()).isBetween(0.5, 1.0);
            assertThat(rollup.get("training_coverage." + quarter))
                    .isEqualTo(new Metric("training_coverage." + quarter, coverage.value(), "ratio", 1.0,
                            coverage.met(), null));
        }
        for (String month : List.of("2024-01", "2024-02")) {
            Map<String, Metric> reconciliation = metrics(PermissionReconciliationJobConfig.JOB_NAME, month);
            assertThat(rollup.get("reconciliation_findings." + month).value())
                    .isEqualTo(reconciliation.get("findings").value()).isPositive();
            assertThat(rollup.get("reconciliation_leavers_with_access." + month).value())
                    .isEqualTo(reconciliation.get("leavers_with_access").value());
        }
        assertThat(rollup.get("training_coverage.2024-Q4").missingReason())
                .isEqualTo("no completed training-coverage run for 2024-Q4");
        assertThat(rollup.get("reconciliation_findings.2024-03").missingReason())
                .isEqualTo("no completed permission-reconciliation run for 2024-03");
        assertThat(rollup.get("backup_success_rate")).as("the backup's own rate, whatever days other tests backed up")
                .isEqualTo(backupRate(year));

        assertThat(rollup.get("rows_read").value()).isEqualTo((double) rows);
        assertThat(rollup.get("rows_rejected").value()).as("the five malformed sample rows").isEqualTo(5.0);
        assertThat(rollup.get("rows_accepted").value()).isEqualTo(rows - 5.0);
        assertThat(rollup.get("findings").value() + rollup.get("findings_previous").value()).isEqualTo(rows - 5.0);
        assertThat(rollup.get("reduction").value()).isPositive();
        assertThat(Files.readAllLines(outboxFile("2024", "rejects.csv"))).hasSize(6)
                .anyMatch(line -> line.contains("repeated finding_id (first at line"))
                .anyMatch(line -> line.contains("bad value in severity: 'SEVERE'"))
                .anyMatch(line -> line.contains("blank audit_year"));

        String markdown = Files.readString(outboxFile("2024", "summary.md"));
        assertThat(markdown).startsWith("# Audit rollup 2024")
                .contains("| 2024 | Training coverage 2024-Q4 | missing: no completed training-coverage run for 2024-Q4 |")
                .contains("](../../training-coverage/2024-Q1/summary.json)");
        String html = Files.readString(outboxFile("2024", "summary.html"));
        assertThat(html).contains("<svg", "Training coverage per quarter 2024", "Audit findings by severity, 2023 vs 2024",
                "@media print").as("self-contained").doesNotContain("<script", "<link", "<img", "src=", "url(");
        try (InputStream stored = store.open("reports/audit-rollup/2024/summary.html")) {
            assertThat(new String(stored.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(html);
        }
    }

    @Test
    void aYearWithoutPreviousFindingsCompletesWithTheReductionMissingAndTheBackupRateFromPublishedDays()
            throws Exception {
        for (LocalDate day = LocalDate.of(2019, 12, 1); !day.isAfter(LocalDate.of(2019, 12, 31)); day = day.plusDays(1)) {
            publishBackup(day, day.getDayOfMonth() == 13 ? 0 : 1);
        }
        Path inbox = Files.createDirectories(dir.resolve("in"));
        Files.writeString(inbox.resolve("audit_findings.csv"), """
                finding_id,audit_year,opened_on,severity,category,title,status,closed_on
                AF-1,2019,2019-02-01,HIGH,Access control,Finding AF-1,REMEDIATED,2019-03-03
                AF-2,2019,2019-03-01,low,Access control,Finding AF-2,OPEN,
                 af-1,2019,2019-03-01,CRITICAL,Access control,Finding af-1,OPEN,
                AF-3,2019,2019-03-01,Medium,Access control,Finding AF-3,OPEN,
                """);

        JobExecution execution = run(auditRollupJob, "2019", inbox);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        JsonNode summary = JsonMapper.builder().build().readTree(Files.readString(outboxFile("2019", "summary.json")));
        Map<String, JsonNode> metrics = new LinkedHashMap<>();
        summary.get("metrics").forEach(m -> metrics.put(m.get("name").asString(), m));
        assertThat(metrics.get("reduction").has("value")).isFalse();
        assertThat(metrics.get("reduction").get("missing").asString())
                .isEqualTo("no findings of 2018 in the findings file: the reduction needs the previous year's count");
        assertThat(metrics.get("findings").get("value").asDouble()).isEqualTo(3.0);
        assertThat(metrics.get("findings.HIGH").get("value").asDouble()).isEqualTo(1.0);
        assertThat(metrics.get("findings.CRITICAL").get("value").asDouble()).as("the repeated id was rejected").isZero();
        assertThat(metrics.get("median_days_to_remediate").get("value").asDouble()).isEqualTo(30.0);
        assertThat(metrics.get("rows_read").get("value").asDouble()).isEqualTo(4.0);
        assertThat(metrics.get("rows_rejected").get("value").asDouble()).isEqualTo(1.0);
        JsonNode backup = metrics.get("backup_success_rate");
        assertThat(backup.get("value").asDouble()).as("30 of the 31 due days of December").isEqualTo(0.9677);
        assertThat(backup.get("target").asDouble()).isEqualTo(0.999);
        assertThat(backup.get("met").asBoolean()).isFalse();
        assertThat(metrics.get("backup_success_rate.2019-11").get("missing").asString())
                .isEqualTo("no backup due in 2019-11: backups are due from 2019-12-01");
        assertThat(metrics.get("training_coverage.2019-Q1").get("missing").asString())
                .isEqualTo("no completed training-coverage run for 2019-Q1");
        assertThat(jdbc.queryForList(schema.sql("""
                SELECT l.section, l.item, l.findings, l.findings_previous FROM {results}.audit_rollup_line l
                JOIN {results}.period_result p ON p.job_instance_id = l.job_instance_id
                WHERE p.job = 'audit-rollup' AND p.period = '2019' AND l.section = 'SEVERITY' ORDER BY l.item""")))
                .extracting(row -> row.get("item") + "=" + row.get("findings"))
                .containsExactly("CRITICAL=0", "HIGH=1", "LOW=1", "MEDIUM=1");
        assertThat(jdbc.queryForObject(schema.sql("SELECT COUNT(*) FROM {results}.ar_finding_stage"), Long.class))
                .as("staging emptied once published").isZero();
    }

    /**
     * Personal data: whatever a failed run staged is gone once a rerun completes its period, in
     * every staging table of every control. Each control's run fails after its imports (the
     * shared {@code metric} table is away), then a rerun on the same inputs completes.
     */
    @Test
    void failedRunFollowedByACompletedRerunLeavesNoStagingRowOfThePeriodInAnyControl() throws Exception {
        Map<String, String> periods = Map.of(TrainingCoverageJobConfig.JOB_NAME, "2047-Q1",
                PermissionReconciliationJobConfig.JOB_NAME, "2047-01", AuditRollupJobConfig.JOB_NAME, "2047");
        assertThat(controls).extracting(Control::jobName).containsAll(periods.keySet());
        for (Map.Entry<String, String> entry : periods.entrySet()) {
            String job = entry.getKey();
            Period period = Period.parse(entry.getValue());
            Job batchJob = jobs.stream().filter(j -> j.getName().equals(job)).findFirst().orElseThrow();
            Path inbox = dir.resolve("in/staging/" + job);
            SampleInputs sample = Stream.of(new TrainingSampleInputs(), new ReconciliationSampleInputs(),
                    new AuditRollupSampleInputs()).filter(s -> s.jobName().equals(job)).findFirst().orElseThrow();
            sample.write(inbox, period, 1, 47L);
            String metric = schema.table("metric");
            jdbc.execute("RENAME TABLE " + metric + " TO " + metric + "_away");
            JobExecution failed;
            try {
                failed = run(batchJob, period.toString(), 0, inbox);
            } finally {
                jdbc.execute("RENAME TABLE " + metric + "_away TO " + metric);
            }
            assertThat(failed.getStatus()).as(job).isEqualTo(BatchStatus.FAILED);
            assertThat(stagingRowsOf(job, period)).as(job + ": the failed run staged its inputs").isPositive();

            JobExecution rerun = run(batchJob, period.toString(), 1, inbox);

            assertThat(rerun.getStatus()).as(job).isEqualTo(BatchStatus.COMPLETED);
            assertThat(stagingRowsOf(job, period)).as(job + ": staging rows of every run of " + period).isZero();
        }
    }

    /** Rows of any run of (job, period) in every staging table of every control. */
    private long stagingRowsOf(String job, Period period) {
        long rows = 0;
        for (Control control : controls) {
            for (String table : control.stagingTables()) {
                rows += jdbc.queryForObject("SELECT COUNT(*) FROM " + schema.table(table) + " WHERE job_instance_id IN "
                        + "(SELECT job_instance_id FROM " + schema.table("run") + " WHERE job = ? AND period = ?)",
                        Long.class, job, period.toString());
            }
        }
        return rows;
    }

    private JobExecution run(Job job, String period, Path inbox) throws Exception {
        return run(job, period, 0, inbox);
    }

    private JobExecution run(Job job, String period, int rerun, Path inbox) throws Exception {
        return jobOperator.start(job, new RunParameters(Period.parse(period), rerun, inbox, dir.resolve("out"))
                .toJobParameters());
    }

    private Path outboxFile(String period, String file) {
        return dir.resolve("out").resolve(AuditRollupJobConfig.JOB_NAME).resolve(period).resolve(file);
    }

    private Map<String, Metric> metrics(String job, String period) {
        Map<String, Metric> byName = new LinkedHashMap<>();
        results.metrics(job, period).forEach(m -> byName.put(m.name(), m));
        return byName;
    }

    /** The backup success rate of {@code year} as the backup control computes it today. */
    private Metric backupRate(Period year) {
        return periodKpis.stream().filter(kpis -> kpis.jobName().equals(BackupJobConfig.JOB_NAME)).findFirst()
                .orElseThrow().of(year, LocalDate.now()).get(0).metric();
    }

    /** A backup run of {@code day} as the backup job records and publishes one, with its verified figure. */
    private void publishBackup(LocalDate day, int verified) {
        long id = HAND_MADE_IDS.incrementAndGet();
        results.startRun(RunRow.started(id, id, "backup", day.toString(), 0, LocalDateTime.now()), "test", "host", 1);
        results.finishRun(id, "COMPLETED", LocalDateTime.now(), new RunCounts(1, 1, 0), null);
        String holder = "backup-" + id;
        periodLock.tryAcquire("backup", day.toString(), holder, id);
        try {
            results.publish(new PublishedRun("backup", day.toString(), id, id),
                    List.of(Metric.kpiAtLeast("verified", verified, Metric.COUNT, 1)), List.of());
        } finally {
            periodLock.release("backup", day.toString(), holder);
        }
    }
}
