package dev.custos.scheduler.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.custos.common.period.Period;
import dev.custos.common.period.PeriodType;
import dev.custos.common.results.CodeVersion;
import dev.custos.jobs.reconciliation.sample.ReconciliationSampleData;
import dev.custos.jobs.training.sample.TrainingSampleData;
import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.Installation;
import dev.custos.scheduler.cli.ExitCodes;

/**
 * {@code custos evidence} and {@code custos evidence verify} on a results schema filled by real
 * runs: training coverage for 2026-Q3 and permission reconciliation for two of its months, each
 * on generated sample inputs with malformed rows. Tests that tamper restore what they changed,
 * so they share one installation.
 */
@Timeout(300)
class EvidenceBundleTest {

    private static final String TRAINING = "training-coverage";
    private static final String RECONCILIATION = "permission-reconciliation";
    private static final String CHANGE_METRIC = "UPDATE %s.metric SET value = value + ? WHERE job = ? AND period = ? AND name = ?";

    @TempDir
    static Path dir;

    static Installation installation;
    static Path trainingInbox;
    static Path signingKey;
    static String fingerprint;
    static Instant started;

    @BeforeAll
    static void runTheJobsOnSampleInputs() throws IOException {
        started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        installation = Installation.create(EvidenceBundleTest.class, dir.resolve("custos"));
        signingKey = Files.createDirectories(dir.resolve("keys")).resolve("evidence-signing-key.pem");
        CommandResult created = CommandResult.custos("evidence", "key", "create", signingKey.toString());
        assertThat(created.exitCode()).as(created.describe()).isZero();
        Matcher printed = Pattern.compile("public key fingerprint (SHA256:[0-9a-f]{64})").matcher(created.out());
        assertThat(printed.find()).as(created.describe()).isTrue();
        fingerprint = printed.group(1);
        trainingInbox = dir.resolve("in").resolve(TRAINING);
        TrainingSampleData.write(trainingInbox, Period.parse("2026-Q3"), TrainingSampleData.Sizes.demo(), 42, true);
        run(TRAINING, "2026-Q3", trainingInbox);
        for (String month : List.of("2026-08", "2026-09")) {
            Path inbox = dir.resolve("in").resolve(RECONCILIATION).resolve(month);
            ReconciliationSampleData.write(inbox, Period.parse(month), ReconciliationSampleData.Sizes.demo(), 7,
                    month.hashCode(), true);
            run(RECONCILIATION, month, inbox);
        }
    }

    @AfterAll
    static void dropInstallation() {
        if (installation != null) {
            installation.close();
        }
    }

    @Test
    void quarterBundleHoldsEveryRunWithinItAndPassesStockSha256sum() throws Exception {
        Path bundle = dir.resolve("quarter");

        CommandResult export = custos("evidence", "--period", "2026-Q3", "--out", bundle.toString());

        assertThat(export.exitCode()).as(export.describe()).isZero();
        assertThat(export.out()).contains("evidence 2026-Q3 v1: 3 runs", "no link to a 2026-Q2 bundle",
                "signed by " + fingerprint);
        List<Map<String, String>> runs = csv(bundle.resolve("runs.csv"));
        assertThat(runs).extracting(r -> r.get("job") + " " + r.get("period") + " " + r.get("status"))
                .containsExactly(RECONCILIATION + " 2026-08 COMPLETED", RECONCILIATION + " 2026-09 COMPLETED",
                        TRAINING + " 2026-Q3 COMPLETED");
        assertThat(runs).allSatisfy(r -> {
            assertThat(r.get("code_version")).isEqualTo(CodeVersion.current())
                    .matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\+([0-9a-f]{40}|unknown)(\\.dirty)?");
            assertThat(r.get("rerun")).isEqualTo("0");
            assertThat(r.get("started_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(r.get("ended_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(Instant.parse(r.get("started_at"))).as("the instant the run started, in UTC")
                    .isBetween(started, Instant.parse(r.get("ended_at")));
            assertThat(Instant.parse(r.get("ended_at"))).isBeforeOrEqualTo(Instant.now());
        });
        assertThat(csv(bundle.resolve("period_results.csv"))).allSatisfy(r -> assertThat(r.get("completed_at"))
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));

        Map<String, Map<String, String>> trainingInputs = new TreeMap<>();
        csv(bundle.resolve("input_files.csv")).stream().filter(r -> r.get("job").equals(TRAINING))
                .forEach(r -> trainingInputs.put(r.get("file"), r));
        assertThat(trainingInputs).containsOnlyKeys(TrainingSampleData.ROSTER_FILE,
                TrainingSampleData.REQUIREMENTS_FILE, TrainingSampleData.COMPLETIONS_FILE);
        for (var input : trainingInputs.entrySet()) {
            byte[] received = Files.readAllBytes(trainingInbox.resolve(input.getKey()));
            assertThat(input.getValue().get("sha256")).as("SHA-256 of %s as received", input.getKey())
                    .isEqualTo(Manifest.sha256(received));
            assertThat(input.getValue().get("bytes")).isEqualTo(String.valueOf(received.length));
        }

        Map<String, Double> bundledTrainingMetrics = new TreeMap<>();
        csv(bundle.resolve("metrics.csv")).stream().filter(r -> r.get("job").equals(TRAINING))
                .forEach(r -> bundledTrainingMetrics.put(r.get("name"), Double.valueOf(r.get("value"))));
        assertThat(bundledTrainingMetrics).isEqualTo(installation.publishedMetrics(TRAINING, "2026-Q3"));
        assertThat(csv(bundle.resolve("metrics.csv"))).filteredOn(r -> r.get("name").equals("coverage"))
                .singleElement().satisfies(r -> assertThat(r.get("target")).isEqualTo("1"));
        assertThat(csv(bundle.resolve("reject_counts.csv"))).filteredOn(r -> r.get("job").equals(TRAINING))
                .isNotEmpty();
        assertThat(Files.readAllBytes(bundle.resolve("reports/training-coverage/2026-Q3/summary.json")))
                .isEqualTo(Files.readAllBytes(installation.store().resolve("reports/training-coverage/2026-Q3/summary.json")));
        assertThat(bundle.resolve("reports/permission-reconciliation/2026-09/revocations.csv")).isRegularFile();

        Program check = sha256sumCheck(bundle);
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output().lines()).hasSize(manifestLines(bundle)).allMatch(line -> line.endsWith(": OK"));

        CommandResult verify = custos("evidence", "verify", bundle.toString());
        assertThat(verify.exitCode()).as(verify.describe()).isZero();
        assertThat(verify.out()).contains("evidence 2026-Q3 v1 in " + bundle + ": intact",
                "signature: valid, by this installation's key (custos.evidence.signing-key), " + fingerprint,
                "version: 2026-Q3 v1, current");
    }

    @Test
    void zipAndDirectoryBundlesOfTheSameDataAreByteIdenticalAndBothVerify() throws IOException {
        List<Path> zips = List.of(dir.resolve("same/a.zip"), dir.resolve("same/b.zip"));
        List<Path> dirs = List.of(dir.resolve("same/a"), dir.resolve("same/b"));
        for (Path out : Stream.concat(zips.stream(), dirs.stream()).toList()) {
            CommandResult export = custos("evidence", "--period", "2026-Q3", "--out", out.toString());
            assertThat(export.exitCode()).as(export.describe()).isZero();
        }

        assertThat(Files.readAllBytes(zips.get(1))).isEqualTo(Files.readAllBytes(zips.get(0)));
        Map<String, byte[]> directory = files(dirs.get(0));
        assertThat(files(dirs.get(1))).containsOnlyKeys(directory.keySet())
                .allSatisfy((path, bytes) -> assertThat(bytes).as(path).isEqualTo(directory.get(path)));
        try (ZipFile zip = new ZipFile(zips.get(0).toFile())) {
            List<String> names = zip.stream().map(ZipEntry::getName).sorted().toList();
            assertThat(names).containsExactlyElementsOf(directory.keySet());
            for (String name : names) {
                assertThat(zip.getInputStream(zip.getEntry(name)).readAllBytes()).as(name).isEqualTo(directory.get(name));
            }
        }
        for (Path bundle : List.of(zips.get(0), dirs.get(0))) {
            CommandResult verify = custos("evidence", "verify", bundle.toString());
            assertThat(verify.exitCode()).as(verify.describe()).isZero();
            assertThat(verify.out()).contains("intact");
        }
    }

    @Test
    void oneAlteredByteAndOneAddedFileAreEachCaughtByName() throws IOException {
        Path bundle = export("2026-Q3", dir.resolve("altered-byte"));
        Path revocations = bundle.resolve("reports/permission-reconciliation/2026-08/revocations.csv");
        byte[] bytes = Files.readAllBytes(revocations);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(revocations, bytes);

        assertThat(sha256sumCheck(bundle).exitCode()).isNotZero();
        CommandResult verify = custos("evidence", "verify", bundle.toString());

        assertThat(verify.exitCode()).as(verify.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(verify.errLines()).as(verify.describe()).singleElement().asString()
                .startsWith("custos: reports/permission-reconciliation/2026-08/revocations.csv: SHA-256 is ");

        Files.writeString(bundle.resolve("reports/extra.csv"), "a,b\n");
        CommandResult withExtra = custos("evidence", "verify", bundle.toString());

        assertThat(withExtra.exitCode()).as(withExtra.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(withExtra.errLines()).as(withExtra.describe()).hasSize(2)
                .anyMatch(line -> line.equals("custos: reports/extra.csv: not listed in MANIFEST.sha256 (a file was added)"));
        assertThat(withExtra.showsStackTrace()).isFalse();
    }

    @Test
    void listedFileReplacedByALinkToAnOutsideCopyIsRefusedByName() throws IOException {
        Path bundle = export("2026-Q3", dir.resolve("linked-file"));
        Path revocations = bundle.resolve("reports/permission-reconciliation/2026-08/revocations.csv");
        Path outside = Files.copy(revocations, dir.resolve("outside-revocations.csv"));
        Files.delete(revocations);
        Files.createSymbolicLink(revocations, outside);

        CommandResult verify = custos("evidence", "verify", bundle.toString());

        assertThat(verify.exitCode()).as(verify.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(verify.errLines()).as(verify.describe()).singleElement().asString()
                .isEqualTo("custos: reports/permission-reconciliation/2026-08/revocations.csv: a symbolic link, not a"
                        + " file; a bundle holds its files themselves and verify does not follow links out of it");
        assertThat(verify.showsStackTrace()).isFalse();
    }

    @Test
    void linkedFolderInABundleIsRefusedAndNotWalkedInto() throws IOException {
        Path bundle = export("2026-Q3", dir.resolve("linked-folder"));
        Path folder = bundle.resolve("reports/permission-reconciliation/2026-09");
        Path outside = dir.resolve("outside-2026-09");
        Files.move(folder, outside);
        Files.createSymbolicLink(folder, outside);

        CommandResult verify = custos("evidence", "verify", bundle.toString());

        assertThat(verify.exitCode()).as(verify.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(verify.errLines()).as(verify.describe())
                .contains("custos: reports/permission-reconciliation/2026-09: a symbolic link, not a file; a bundle"
                        + " holds its files themselves and verify does not follow links out of it")
                .anyMatch(line -> line.startsWith("custos: reports/permission-reconciliation/2026-09/")
                        && line.endsWith(": listed in MANIFEST.sha256 but missing from the bundle"));
    }

    @Test
    void oneAlteredMetricRowInTheResultsSchemaIsCaught() throws Exception {
        Path bundle = export("2026-Q3", dir.resolve("altered-row"));
        String covered = installation.publishedMetrics(TRAINING, "2026-Q3").get("covered").toString();

        changeMetric(TRAINING, "2026-Q3", "covered", 1);
        CommandResult verify;
        try {
            verify = custos("evidence", "verify", bundle.toString());
        } finally {
            changeMetric(TRAINING, "2026-Q3", "covered", -1);
        }

        assertThat(verify.exitCode()).as(verify.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(verify.errLines()).as(verify.describe()).singleElement().asString()
                .matches("custos: metrics\\.csv line \\d+ \\(job=training-coverage period=2026-Q3 "
                        + "job_instance_id=\\d+ name=covered\\): value '\\d+' here, '\\d+' in the results schema")
                .contains("'" + Double.valueOf(covered).longValue() + "' here");
        assertThat(custos("evidence", "verify", bundle.toString()).exitCode())
                .as("intact again once the row is restored").isZero();
    }

    @Test
    void runWarningsAreInTheBundleListedInItsReadmeCoveredByTheManifestAndComparedWithTheDatabase() throws Exception {
        Path october = dir.resolve("in").resolve(RECONCILIATION).resolve("2025-10");
        ReconciliationSampleData.write(october, Period.parse("2025-10"), ReconciliationSampleData.Sizes.demo(), 7,
                20251, true);
        run(RECONCILIATION, "2025-10", october);
        run(RECONCILIATION, "2025-11", october);

        Path bundle = export("2025-Q4", dir.resolve("warnings"));

        assertThat(csv(bundle.resolve("warnings.csv"))).singleElement().satisfies(warning -> {
            assertThat(warning).containsEntry("job", RECONCILIATION).containsEntry("period", "2025-11")
                    .containsEntry("name", "input_reused_from").containsEntry("value", "2025-10");
            assertThat(warning.get("job_instance_id")).matches("\\d+");
            assertThat(warning.get("message")).contains("byte-identical");
        });
        assertThat(Files.readString(bundle.resolve("README.txt"))).contains("warnings.csv");
        Program check = sha256sumCheck(bundle);
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output().lines()).contains("warnings.csv: OK");

        String schema = installation.database().resultsSchema();
        CommandResult verify;
        try (Connection connection = installation.database().connect();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE " + schema + ".run_warning SET value = '2025-09' WHERE period = '2025-11'");
            try {
                verify = custos("evidence", "verify", bundle.toString());
            } finally {
                statement.executeUpdate("UPDATE " + schema + ".run_warning SET value = '2025-10' WHERE period = '2025-11'");
            }
        }
        assertThat(verify.exitCode()).as(verify.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(verify.errLines()).as(verify.describe()).singleElement().asString()
                .startsWith("custos: warnings.csv line 2 (job=permission-reconciliation period=2025-11 job_instance_id=")
                .endsWith("name=input_reused_from): value '2025-10' here, '2025-09' in the results schema");
        assertThat(custos("evidence", "verify", bundle.toString()).exitCode())
                .as("intact again once the row is restored").isZero();
    }

    @Test
    void alertsOfThePeriodAreInTheBundleListedInItsReadmeCoveredByTheManifestAndComparedWithTheDatabase()
            throws Exception {
        String schema = installation.database().resultsSchema();
        try (Connection connection = installation.database().connect();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO " + schema + ".alert (incident_key, kind, job, period, state, occurrence,"
                    + " summary, opened_at_utc, resolved_at_utc) VALUES ('overdue:" + RECONCILIATION + ":2024-11',"
                    + " 'OVERDUE', '" + RECONCILIATION + "', '2024-11', 'RESOLVED', 1, 'No completed run of "
                    + RECONCILIATION + " for 2024-11, due by 2024-12-05T12:00:00Z', '2024-12-05 12:01:00',"
                    + " '2024-12-06 03:00:00.250')");
            statement.executeUpdate("INSERT INTO " + schema + ".alert_delivery (idempotency_key, incident_key, channel,"
                    + " state, body, attempts, created_at_utc, delivered_at_utc) VALUES ('overdue:" + RECONCILIATION
                    + ":2024-11#1:FIRING', 'overdue:" + RECONCILIATION + ":2024-11', 'webhook', 'FIRING', '{}', 2,"
                    + " '2024-12-05 12:01:00', '2024-12-05 12:01:30')");
            try {
                Path bundle = export("2024-11", dir.resolve("alerts"));

                assertThat(csv(bundle.resolve("alerts.csv"))).singleElement().satisfies(alert -> assertThat(alert)
                        .containsEntry("job", RECONCILIATION).containsEntry("period", "2024-11")
                        .containsEntry("incident", "overdue:" + RECONCILIATION + ":2024-11")
                        .containsEntry("kind", "OVERDUE").containsEntry("state", "RESOLVED")
                        .containsEntry("opened_at", "2024-12-05T12:01:00.000Z")
                        .containsEntry("resolved_at", "2024-12-06T03:00:00.250Z")
                        .containsEntry("messages_delivered", "1").containsEntry("messages_not_delivered", "0"));
                assertThat(Files.readString(bundle.resolve("README.txt"))).contains("alerts.csv");
                Program check = sha256sumCheck(bundle);
                assertThat(check.exitCode()).as(check.output()).isZero();
                assertThat(check.output().lines()).contains("alerts.csv: OK");
                CommandResult verify = custos("evidence", "verify", bundle.toString());
                assertThat(verify.exitCode()).as(verify.describe()).isZero();
            } finally {
                statement.executeUpdate("DELETE FROM " + schema + ".alert_delivery");
                statement.executeUpdate("DELETE FROM " + schema + ".alert");
            }
        }
    }

    @Test
    void operatorActionsAboutAPeriodAreInItsBundleWhenEverTheyWereDoneAndActionsAboutNoPeriodByTheirDay()
            throws Exception {
        long otherPeriodsExecution = installation.runs(RECONCILIATION).stream()
                .filter(run -> run.period().equals("2026-09")).findFirst().orElseThrow().executionId();
        String schema = installation.database().resultsSchema();
        try (Connection connection = installation.database().connect();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO " + schema + ".operator_audit"
                     + " (occurred_at_utc, actor, role, action, target, arguments, reason, outcome, client_address)"
                     + " VALUES (?, 'admin', 'ADMIN', ?, ?, ?, 'corrected export', 'DONE', '127.0.0.1')");
             Statement delete = connection.createStatement()) {
            long before = installation.queryLong("SELECT COALESCE(MAX(id), 0) FROM " + schema + ".operator_audit");
            audit(insert, "2023-11-02T09:00", "approve", "approval 41: rerun " + RECONCILIATION + " 2023-09", null);
            audit(insert, "2023-11-03T10:00", "rerun", RECONCILIATION + " 2023-09", null);
            audit(insert, "2023-11-04T10:00", "backfill", "schedule " + RECONCILIATION, "from=2023-08 to=2023-10");
            audit(insert, "2023-09-10T10:00", "pause", "schedule " + RECONCILIATION, null);
            audit(insert, "2023-09-21T10:00", "stop", "execution 987654321", null);
            audit(insert, "2023-11-03T11:00", "resume", "schedule " + RECONCILIATION, null);
            audit(insert, "2023-09-15T10:00", "rerun", RECONCILIATION + " 2023-08", null);
            audit(insert, "2023-09-20T10:00", "restart", "execution " + otherPeriodsExecution, null);
            try {
                Path september = export("2023-09", dir.resolve("audit-september"));
                Path august = export("2023-08", dir.resolve("audit-august"));

                assertThat(csv(september.resolve("operator-audit.csv"))).extracting(row -> row.get("occurred_at")
                        + " " + row.get("action") + " " + row.get("target")).as("about September whenever done, and "
                        + "September's days' actions about no period").containsExactlyInAnyOrder(
                        "2023-11-02T09:00:00.000Z approve approval 41: rerun " + RECONCILIATION + " 2023-09",
                        "2023-11-03T10:00:00.000Z rerun " + RECONCILIATION + " 2023-09",
                        "2023-11-04T10:00:00.000Z backfill schedule " + RECONCILIATION,
                        "2023-09-10T10:00:00.000Z pause schedule " + RECONCILIATION,
                        "2023-09-21T10:00:00.000Z stop execution 987654321");
                assertThat(csv(august.resolve("operator-audit.csv"))).extracting(row -> row.get("action") + " "
                        + row.get("target")).containsExactlyInAnyOrder("rerun " + RECONCILIATION + " 2023-08",
                        "backfill schedule " + RECONCILIATION);
                CommandResult verify = custos("evidence", "verify", september.toString());
                assertThat(verify.exitCode()).as(verify.describe()).isZero();
            } finally {
                delete.executeUpdate("DELETE FROM " + schema + ".operator_audit WHERE id > " + before);
            }
        }
    }

    private static void audit(PreparedStatement insert, String utc, String action, String target, String arguments)
            throws SQLException {
        insert.setTimestamp(1, Timestamp.valueOf(LocalDateTime.parse(utc)));
        insert.setString(2, action);
        insert.setString(3, target);
        insert.setString(4, arguments);
        insert.executeUpdate();
    }

    @Test
    void metricRowAlteredInTheBundleIsCaughtEvenWithARecomputedManifest() throws IOException {
        Path bundle = export("2026-Q3", dir.resolve("forged-row"));
        Path metrics = bundle.resolve("metrics.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(metrics));
        int line = indexOfMetric(lines, TRAINING, "in_scope");
        String forged = lines.get(line).replaceFirst(",in_scope,(\\d+),", ",in_scope,1$1,");
        lines.set(line, forged);
        Files.write(metrics, lines);
        rewriteManifest(bundle);
        assertThat(sha256sumCheck(bundle).exitCode()).as("the forger's manifest fools sha256sum").isZero();

        CommandResult verify = custos("evidence", "verify", bundle.toString());

        assertThat(verify.exitCode()).as(verify.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(verify.errLines()).as(verify.describe()).hasSize(3)
                .anyMatch(l -> l.startsWith("custos: MANIFEST.sha256: SHA-256 is ")
                        && l.endsWith(" for 2026-Q3 v1 (evidence/2026-Q3/v1/MANIFEST.sha256): the bundle was changed"
                        + " after its export"))
                .anyMatch(l -> l.equals("custos: MANIFEST.sha256.sig: not a signature of this MANIFEST.sha256 by the"
                        + " key in signing-key.pub.pem (" + fingerprint + "): the manifest was changed after it was"
                        + " signed"))
                .anyMatch(l -> l.startsWith("custos: metrics.csv line " + (line + 1) + " (job=training-coverage "
                        + "period=2026-Q3 ") && l.contains("name=in_scope): value '1"));
    }

    @Test
    void chainLinksTwoConsecutiveMonthsAndABrokenEarlierBundleIsDetected() throws IOException {
        Path august = export("2026-08", dir.resolve("chain/2026-08.zip"));
        Path september = export("2026-09", dir.resolve("chain/2026-09"));
        String augustManifest;
        try (ZipFile zip = new ZipFile(august.toFile())) {
            augustManifest = Manifest.sha256(zip.getInputStream(zip.getEntry("MANIFEST.sha256")).readAllBytes());
        }
        assertThat(Files.readString(september.resolve("CHAIN"))).isEqualTo("""
                period: 2026-09
                version: 1
                supersedes-manifest-sha256: none
                previous-period: 2026-08
                previous-version: 1
                previous-manifest-sha256: %s
                """.formatted(augustManifest));

        CommandResult linked = custos("evidence", "verify", september.toString(),
                "--previous", august.toString());
        assertThat(linked.exitCode()).as(linked.describe()).isZero();
        assertThat(linked.out()).contains("linked to the 2026-08 bundle v1 (manifest sha256 " + augustManifest + ")",
                "matching the blob store's evidence/2026-08/v1/MANIFEST.sha256 and " + august);

        Path forgedAugust = dir.resolve("chain/2026-08-forged");
        unzip(august, forgedAugust);
        Path revocations = forgedAugust.resolve("reports/permission-reconciliation/2026-08/revocations.csv");
        Files.writeString(revocations, Files.readString(revocations).replace("NEW", "PERSISTING"));
        rewriteManifest(forgedAugust);
        assertThat(sha256sumCheck(forgedAugust).exitCode()).as("the forged bundle passes sha256sum alone").isZero();

        CommandResult broken = custos("evidence", "verify", september.toString(),
                "--previous", forgedAugust.toString());

        assertThat(broken.exitCode()).as(broken.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(broken.errLines()).as(broken.describe()).singleElement().asString()
                .startsWith("custos: CHAIN: links to 2026-08 v1 with manifest SHA-256 " + augustManifest + ", but "
                        + forgedAugust + "/MANIFEST.sha256 has ")
                .endsWith(" (the previous bundle was changed after its export)");

        Path storedAugust = installation.store().resolve("evidence/2026-08/v1/MANIFEST.sha256");
        byte[] stored = Files.readAllBytes(storedAugust);
        Files.copy(forgedAugust.resolve("MANIFEST.sha256"), storedAugust, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        CommandResult storeReplaced;
        try {
            storeReplaced = custos("evidence", "verify", september.toString());
        } finally {
            Files.write(storedAugust, stored);
        }
        assertThat(storeReplaced.exitCode()).as(storeReplaced.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(storeReplaced.errLines()).as(storeReplaced.describe()).singleElement().asString()
                .startsWith("custos: CHAIN: links to 2026-08 v1 with manifest SHA-256 " + augustManifest
                        + ", but the blob store's evidence/2026-08/v1/MANIFEST.sha256 has ");
    }

    @Test
    void offlineVerifyNeedsNoDatabaseAndChecksTheFilesAndTheChainAgainstThePreviousBundle() throws IOException {
        Path august = export("2026-08", dir.resolve("offline/2026-08.zip"));
        Path september = export("2026-09", dir.resolve("offline/2026-09"));
        String nowhere = "--spring.datasource.url=jdbc:mariadb://127.0.0.1:1/nowhere";

        CommandResult intact = CommandResult.custos("evidence", "verify", "--offline", september.toString(),
                "--previous", august.toString(), nowhere);

        assertThat(intact.exitCode()).as(intact.describe()).isZero();
        assertThat(intact.out()).contains("evidence 2026-09 v1 in " + september + ": intact (",
                "offline: the blob store and the results schema were not compared", "matching " + august,
                "signature: valid, by the key in the bundle, " + fingerprint + ", which was not compared with a"
                        + " trusted key",
                "version: v1 of 2026-09 (offline: whether a later version supersedes it was not checked)");

        Path forgedAugust = dir.resolve("offline/2026-08-forged");
        unzip(august, forgedAugust);
        Path revocations = forgedAugust.resolve("reports/permission-reconciliation/2026-08/revocations.csv");
        Files.writeString(revocations, Files.readString(revocations).replace("NEW", "PERSISTING"));
        rewriteManifest(forgedAugust);
        Path metrics = september.resolve("metrics.csv");
        byte[] bytes = Files.readAllBytes(metrics);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(metrics, bytes);

        CommandResult tampered = CommandResult.custos("evidence", "verify", "--offline", september.toString(),
                "--previous", forgedAugust.toString(), nowhere);

        assertThat(tampered.exitCode()).as(tampered.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(tampered.errLines()).as(tampered.describe()).hasSize(2)
                .anyMatch(line -> line.startsWith("custos: metrics.csv: SHA-256 is "))
                .anyMatch(line -> line.startsWith("custos: CHAIN: links to 2026-08 v1 with manifest SHA-256 ")
                        && line.contains(forgedAugust + "/MANIFEST.sha256 has "));
        assertThat(tampered.showsStackTrace()).isFalse();
    }

    @Test
    void reExportOfAnUnchangedPeriodIsByteIdenticalAndARerunWithChangedResultsIsANewVersionBothVerifying()
            throws IOException {
        Period may = Period.parse("2026-05");
        Path inbox = dir.resolve("in").resolve(RECONCILIATION).resolve("2026-05");
        ReconciliationSampleData.write(inbox, may, ReconciliationSampleData.Sizes.demo(), 7, 1, true);
        run(RECONCILIATION, "2026-05", inbox);
        Path first = export("2026-05", dir.resolve("versions/first.zip"));
        Path storedFirst = installation.store().resolve("evidence/2026-05/v1/MANIFEST.sha256");
        byte[] firstManifest = zipEntry(first, "MANIFEST.sha256");
        assertThat(storedFirst).hasBinaryContent(firstManifest);

        Path again = dir.resolve("versions/again.zip");
        CommandResult exportAgain = custos("evidence", "--period", "2026-05", "--out", again.toString());

        assertThat(exportAgain.exitCode()).as(exportAgain.describe()).isZero();
        assertThat(exportAgain.out()).contains("evidence 2026-05 v1: ", "version: v1 again: the content is unchanged");
        assertThat(Files.readAllBytes(again)).as("zip entries, their order and times included")
                .isEqualTo(Files.readAllBytes(first));

        Path corrected = dir.resolve("in").resolve(RECONCILIATION).resolve("2026-05-corrected");
        ReconciliationSampleData.write(corrected, may, ReconciliationSampleData.Sizes.demo(), 7, 2, true);
        CommandResult rerun = installation.custos("run", RECONCILIATION, "--period", "2026-05", "--rerun", "--inbox",
                corrected.toString());
        assertThat(rerun.exitCode()).as(rerun.describe()).isZero();
        Path second = dir.resolve("versions/second");
        CommandResult exportSecond = custos("evidence", "--period", "2026-05", "--out", second.toString());

        assertThat(exportSecond.exitCode()).as(exportSecond.describe()).isZero();
        assertThat(exportSecond.out()).contains("evidence 2026-05 v2: ", "version: v2, superseding v1 (manifest sha256 "
                + Manifest.sha256(firstManifest) + "): the content changed since v1",
                "kept as evidence/2026-05/v2/MANIFEST.sha256");
        assertThat(Files.readString(second.resolve("CHAIN")))
                .startsWith("period: 2026-05\nversion: 2\nsupersedes-manifest-sha256: " + Manifest.sha256(firstManifest)
                        + "\n");
        assertThat(storedFirst).as("an earlier version's manifest is never replaced").hasBinaryContent(firstManifest);
        assertThat(installation.store().resolve("evidence/2026-05/v2/MANIFEST.sha256"))
                .hasBinaryContent(Files.readAllBytes(second.resolve("MANIFEST.sha256")));

        CommandResult verifyFirst = custos("evidence", "verify", first.toString());
        assertThat(verifyFirst.exitCode()).as(verifyFirst.describe()).isZero();
        assertThat(verifyFirst.out()).contains("evidence 2026-05 v1 in " + first + ": intact",
                "matches the manifest the blob store kept for it", "version: 2026-05 v1, superseded by v2 (");
        CommandResult verifySecond = custos("evidence", "verify", second.toString());
        assertThat(verifySecond.exitCode()).as(verifySecond.describe()).isZero();
        assertThat(verifySecond.out()).contains("version: 2026-05 v2, current");

        Path third = dir.resolve("versions/third");
        CommandResult exportThird = custos("evidence", "--period", "2026-05", "--out", third.toString());
        assertThat(exportThird.out()).as(exportThird.describe()).contains("evidence 2026-05 v2: ", "v2 again");
        Map<String, byte[]> secondFiles = files(second);
        assertThat(files(third)).containsOnlyKeys(secondFiles.keySet())
                .allSatisfy((path, bytes) -> assertThat(bytes).as(path).isEqualTo(secondFiles.get(path)));

        Path storedV1 = installation.store().resolve("evidence/2026-05/v1/MANIFEST.sha256");
        byte[] changedV1 = firstManifest.clone();
        changedV1[0] = (byte) (changedV1[0] == '0' ? '1' : '0');
        Files.write(storedV1, changedV1);
        CommandResult supersededChanged;
        try {
            supersededChanged = custos("evidence", "verify", second.toString());
        } finally {
            Files.write(storedV1, firstManifest);
        }
        assertThat(supersededChanged.exitCode()).as(supersededChanged.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(supersededChanged.errLines()).as(supersededChanged.describe()).singleElement().asString()
                .startsWith("custos: CHAIN: says 2026-05 v2 supersedes a manifest with SHA-256 "
                        + Manifest.sha256(firstManifest) + ", but the blob store's v1"
                        + " (evidence/2026-05/v1/MANIFEST.sha256) has ");

        Path june = export("2026-06", dir.resolve("versions/2026-06"));
        assertThat(Files.readString(june.resolve("CHAIN"))).contains("previous-version: 2\n");
        CommandResult olderPrevious = CommandResult.custos("evidence", "verify", "--offline", june.toString(),
                "--previous", first.toString());
        assertThat(olderPrevious.exitCode()).as(olderPrevious.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(olderPrevious.errLines()).as(olderPrevious.describe()).containsExactly("custos: --previous " + first
                + ": the previous bundle is 2026-05 v1, but the bundle of 2026-06 links to 2026-05 v2 (give that"
                + " version)");
        CommandResult currentPrevious = CommandResult.custos("evidence", "verify", "--offline", june.toString(),
                "--previous", second.toString());
        assertThat(currentPrevious.exitCode()).as(currentPrevious.describe()).isZero();
    }

    @Test
    void previousBundleOfAnotherPeriodIsNamedForWhatItIs() {
        Path quarter = export("2026-Q3", dir.resolve("wrong-previous/2026-Q3"));
        export("2026-08", dir.resolve("wrong-previous/2026-08"));
        Path september = export("2026-09", dir.resolve("wrong-previous/2026-09"));

        CommandResult verify = CommandResult.custos("evidence", "verify", "--offline", september.toString(),
                "--previous", quarter.toString());

        assertThat(verify.exitCode()).as(verify.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(verify.errLines()).as(verify.describe()).containsExactly("custos: --previous " + quarter
                + ": the previous bundle is of 2026-Q3, not 2026-08 (the bundle of 2026-09 links to the one of 2026-08)");
        assertThat(verify.showsStackTrace()).isFalse();
    }

    @Test
    void chainAndStoreProblemsAreEachNamed() throws IOException {
        Path april = export("2026-04", dir.resolve("chain-problems/2026-04"));
        Path noChain = export("2026-04", dir.resolve("chain-problems/no-chain"));
        Files.delete(noChain.resolve("CHAIN"));
        Path notAChain = export("2026-04", dir.resolve("chain-problems/not-a-chain"));
        Files.writeString(notAChain.resolve("CHAIN"), "period: 2026-04\n");
        Path notABundle = Files.createDirectories(dir.resolve("chain-problems/empty"));

        assertThat(offlineProblems(noChain)).containsExactlyInAnyOrder(
                "custos: CHAIN: listed in MANIFEST.sha256 but missing from the bundle",
                "custos: CHAIN: missing, so the bundle's period, version and link are unknown");
        assertThat(offlineProblems(notAChain)).hasSize(2).anyMatch(line -> line.startsWith("custos: CHAIN: SHA-256 is "))
                .contains("custos: CHAIN: not a chain file (period, version, supersedes-manifest-sha256,"
                        + " previous-period, previous-manifest-sha256)");

        CommandResult unlinked = CommandResult.custos("evidence", "verify", "--offline", april.toString(),
                "--previous", notABundle.toString());
        assertThat(unlinked.errLines()).as(unlinked.describe()).containsExactly("custos: CHAIN: records no 2026-03"
                + " bundle (no bundle of 2026-03 had been exported (nothing under evidence/2026-03/ in the blob store)),"
                + " so " + notABundle + " cannot be checked against it");

        export("2026-01", dir.resolve("chain-problems/2026-01"));
        Path february = export("2026-02", dir.resolve("chain-problems/2026-02"));
        CommandResult noManifest = CommandResult.custos("evidence", "verify", "--offline", february.toString(),
                "--previous", notABundle.toString());
        assertThat(noManifest.errLines()).as(noManifest.describe()).containsExactly("custos: --previous " + notABundle
                + ": has no MANIFEST.sha256, so it is no evidence bundle to check the link against");

        Path stored = installation.store().resolve("evidence/2026-04");
        Path aside = dir.resolve("chain-problems/stored-2026-04");
        Files.move(stored, aside);
        CommandResult unknown;
        try {
            unknown = custos("evidence", "verify", april.toString());
        } finally {
            Files.move(aside, stored);
        }
        assertThat(unknown.exitCode()).as(unknown.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(unknown.errLines()).as(unknown.describe()).containsExactly("custos: CHAIN: the bundle says it is"
                + " 2026-04 v1, but the blob store has no such version (evidence/2026-04/v1/MANIFEST.sha256): it was"
                + " not exported by this installation");
    }

    @Test
    void periodsNotOverYetGetNeitherEvidenceNorAReportAndNothingIsStored() throws IOException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Period nextYear = Period.containing(PeriodType.YEAR, today).next();
        List<Period> notOver = List.of(Period.containing(PeriodType.YEAR, today),
                Period.containing(PeriodType.QUARTER, today), Period.containing(PeriodType.MONTH, today),
                Period.containing(PeriodType.DAY, today));

        assertNotOver(nextYear, "has not begun (today is " + today + " in UTC)");
        for (Period period : notOver) {
            assertNotOver(period, "is not over yet (today is " + today + " in UTC)");
        }

        CommandResult yesterday = custos("evidence", "--period", today.minusDays(1).toString(), "--out",
                dir.resolve("not-over/yesterday").toString());
        assertThat(yesterday.exitCode()).as("a day is over once the next day has begun: " + yesterday.describe())
                .isZero();
    }

    private static void assertNotOver(Period period, String why) throws IOException {
        Path out = dir.resolve("not-over").resolve(period.toString());
        String from = period.end().plusDays(1).toString();

        CommandResult evidence = custos("evidence", "--period", period.toString(), "--out", out.toString());

        assertThat(evidence.exitCode()).as(evidence.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(evidence.errLines()).as(evidence.describe())
                .containsExactly("custos: " + period + " " + why + ": its evidence can be exported from " + from);
        assertThat(out).doesNotExist();
        assertThat(installation.store().resolve("evidence").resolve(period.toString())).doesNotExist();
        if (period.type() == PeriodType.DAY) {
            return;
        }
        CommandResult report = custos("report", "--period", period.toString(), "--out", out + ".html");

        assertThat(report.exitCode()).as(report.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(report.errLines()).as(report.describe())
                .containsExactly("custos: " + period + " " + why + ": its report can be written from " + from);
        assertThat(Path.of(out + ".html")).doesNotExist();
        assertThat(installation.outbox().resolve("report").resolve(period.toString())).doesNotExist();
        assertThat(installation.store().resolve("reports/report").resolve(period.toString())).doesNotExist();
    }

    @Test
    void stockOpensslChecksTheSignatureWithTheBundlesKeyAndPrintsTheKeysFingerprint() throws IOException {
        Path bundle = export("2026-Q3", dir.resolve("openssl"));
        assertThat(Files.readAllBytes(bundle.resolve("MANIFEST.sha256.sig"))).hasSize(64);

        Program check = program(bundle, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "signing-key.pub.pem",
                "-rawin", "-in", "MANIFEST.sha256", "-sigfile", "MANIFEST.sha256.sig");
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("Signature Verified Successfully");

        Program print = program(bundle, "sh", "-c", "openssl pkey -pubin -in signing-key.pub.pem -outform DER | sha256sum");
        assertThat(print.output()).startsWith(fingerprint.substring("SHA256:".length()) + "  -");
        Program publicHalf = program(bundle, "openssl", "pkey", "-in", signingKey.toString(), "-pubout");
        assertThat(publicHalf.output()).as("the key file is standard PKCS#8")
                .isEqualTo(Files.readString(bundle.resolve("signing-key.pub.pem")));

        Path changed = dir.resolve("openssl-changed");
        Files.createDirectories(changed);
        for (String file : List.of("signing-key.pub.pem", "MANIFEST.sha256", "MANIFEST.sha256.sig")) {
            Files.copy(bundle.resolve(file), changed.resolve(file));
        }
        Files.writeString(changed.resolve("MANIFEST.sha256"), Files.readString(changed.resolve("MANIFEST.sha256"))
                .replaceFirst("^.", "0"));
        Program refused = program(changed, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "signing-key.pub.pem",
                "-rawin", "-in", "MANIFEST.sha256", "-sigfile", "MANIFEST.sha256.sig");
        assertThat(refused.exitCode()).as(refused.output()).isNotZero();
    }

    @Test
    void bundleRewrittenConsistentlyAndSignedWithAnotherKeyIsCaughtAsNotTheInstallationsKey() throws IOException {
        Path bundle = export("2026-Q3", dir.resolve("re-signed"));
        Path metrics = bundle.resolve("metrics.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(metrics));
        int line = indexOfMetric(lines, TRAINING, "in_scope");
        lines.set(line, lines.get(line).replaceFirst(",in_scope,(\\d+),", ",in_scope,1$1,"));
        Files.write(metrics, lines);
        Files.write(bundle.resolve("CHAIN"), Chain.unlinked(Period.parse("2026-Q3"), 1, Chain.NONE,
                "no bundle of 2026-Q2 had been exported").toBytes());
        Path forgerKeyFile = dir.resolve("keys/forger.pem");
        EvidenceSigningKey.create(forgerKeyFile);
        EvidenceSigningKey forger = EvidenceSigningKey.load(forgerKeyFile);
        Files.writeString(bundle.resolve("signing-key.pub.pem"), Pem.encode(Pem.PUBLIC_KEY,
                forger.publicKey().getEncoded()));
        rewriteManifest(bundle);
        Files.write(bundle.resolve("MANIFEST.sha256.sig"), forger.sign(Files.readAllBytes(bundle.resolve("MANIFEST.sha256"))));
        assertThat(sha256sumCheck(bundle).exitCode()).as("the forgery fools sha256sum").isZero();
        assertThat(program(bundle, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "signing-key.pub.pem", "-rawin",
                "-in", "MANIFEST.sha256", "-sigfile", "MANIFEST.sha256.sig").exitCode())
                .as("and openssl with the key the forger put in the bundle").isZero();
        String forgerFingerprint = EvidenceSigningKey.fingerprint(forger.publicKey());
        Path trusted = Files.writeString(dir.resolve("keys/installation.pub.pem"), Pem.encode(Pem.PUBLIC_KEY,
                EvidenceSigningKey.load(signingKey).publicKey().getEncoded()));

        CommandResult offline = CommandResult.custos("evidence", "verify", "--offline", bundle.toString(),
                "--trusted-key", trusted.toString());

        assertThat(offline.exitCode()).as(offline.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(offline.errLines()).as(offline.describe()).containsExactly("custos: signing-key.pub.pem: the bundle"
                + " is signed by key " + forgerFingerprint + ", not by the trusted key " + trusted + ", " + fingerprint
                + ": it was not made by this installation, or was re-signed after a change");

        CommandResult online = custos("evidence", "verify", bundle.toString());

        assertThat(online.exitCode()).as(online.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(online.errLines()).as(online.describe()).contains("custos: signing-key.pub.pem: the bundle is signed"
                + " by key " + forgerFingerprint + ", not by this installation's key (custos.evidence.signing-key), "
                + fingerprint + ": it was not made by this installation, or was re-signed after a change");
    }

    @Test
    void missingOrBrokenSignatureAndKeyFilesAreEachNamed() throws IOException {
        Path unsigned = export("2026-Q3", dir.resolve("unsigned"));
        Files.delete(unsigned.resolve("MANIFEST.sha256.sig"));
        Path keyless = export("2026-Q3", dir.resolve("keyless"));
        Files.delete(keyless.resolve("signing-key.pub.pem"));
        Path badKey = export("2026-Q3", dir.resolve("bad-key"));
        Files.writeString(badKey.resolve("signing-key.pub.pem"), "not a key\n");
        rewriteManifest(badKey);

        assertThat(offlineProblems(unsigned)).containsExactly("custos: MANIFEST.sha256.sig: missing, so nothing shows"
                + " who made MANIFEST.sha256 (every file could have been changed and the manifest recomputed)");
        assertThat(offlineProblems(keyless)).containsExactlyInAnyOrder(
                "custos: signing-key.pub.pem: listed in MANIFEST.sha256 but missing from the bundle",
                "custos: signing-key.pub.pem: missing, so the signature cannot be checked");
        assertThat(offlineProblems(badKey)).containsExactly("custos: signing-key.pub.pem: not an Ed25519 public key"
                + " (PEM PUBLIC KEY), so the signature cannot be checked");

        Path notAKey = Files.writeString(dir.resolve("keys/not-a-key.txt"), "hello");
        CommandResult trustedNotAKey = CommandResult.custos("evidence", "verify", "--offline", unsigned.toString(),
                "--trusted-key", notAKey.toString());
        assertUsageError(trustedNotAKey, "--trusted-key " + notAKey + ": holds no Ed25519 public key (PEM PUBLIC KEY)");
    }

    private static List<String> offlineProblems(Path bundle) {
        CommandResult verify = CommandResult.custos("evidence", "verify", "--offline", bundle.toString());
        assertThat(verify.exitCode()).as(verify.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(verify.showsStackTrace()).isFalse();
        return verify.errLines();
    }

    @Test
    void exportWithoutAUsableSigningKeyIsRefusedWithAHintAndWritesNothing() throws IOException {
        Path out = dir.resolve("no-key");
        Path nowhere = dir.resolve("keys/nowhere.pem");
        Path notAKey = Files.writeString(dir.resolve("keys/hello.pem"), "hello");

        CommandResult none = installation.custos("evidence", "--period", "2026-Q3", "--out", out.toString());
        CommandResult missing = installation.custos("evidence", "--period", "2026-Q3", "--out", out.toString(),
                "--custos.evidence.signing-key=" + nowhere);
        CommandResult notKey = installation.custos("evidence", "--period", "2026-Q3", "--out", out.toString(),
                "--custos.evidence.signing-key=" + notAKey);

        assertConfigurationError(none, "custos: no evidence signing key is configured: create one with 'custos evidence"
                + " key create FILE' and set custos.evidence.signing-key=FILE");
        assertConfigurationError(missing, "custos: custos.evidence.signing-key names " + nowhere + ", which is not a"
                + " file: create the key with 'custos evidence key create " + nowhere + "'");
        assertConfigurationError(notKey, "custos: " + notAKey + " is not an evidence signing key (PEM PRIVATE KEY and"
                + " PUBLIC KEY): create one with 'custos evidence key create FILE'");
        assertThat(out).doesNotExist();
    }

    private static void assertConfigurationError(CommandResult result, String line) {
        assertThat(result.exitCode()).as(result.describe()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(result.errLines()).as(result.describe()).containsExactly(line);
    }

    @Test
    void keyCreateWritesAnOwnerOnlyKeyNeverPrintsItAndNeverOverwritesIt() throws IOException {
        Path key = dir.resolve("keys/created.pem");

        CommandResult created = CommandResult.custos("evidence", "key", "create", key.toString());

        assertThat(created.exitCode()).as(created.describe()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        String privateBase64 = Base64.getEncoder().encodeToString(Pem.decode(Pem.PRIVATE_KEY, Files.readAllBytes(key))
                .orElseThrow());
        assertThat(created.out() + created.err()).doesNotContain(privateBase64.substring(20, 40), "PRIVATE KEY")
                .contains("custos.evidence.signing-key=" + key.toAbsolutePath());
        byte[] bytes = Files.readAllBytes(key);

        CommandResult again = CommandResult.custos("evidence", "key", "create", key.toString());

        assertUsageError(again, key + " exists and is never overwritten");
        assertThat(key).hasBinaryContent(bytes);
        assertUsageError(CommandResult.custos("evidence", "key"), "evidence key needs a command: create FILE");
        Path nowhere = dir.resolve("keys/no-such-folder/key.pem");
        CommandResult noFolder = CommandResult.custos("evidence", "key", "create", nowhere.toString());
        assertThat(noFolder.exitCode()).as(noFolder.describe()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(noFolder.errLines()).as(noFolder.describe()).singleElement().asString()
                .startsWith("custos: cannot create the key file " + nowhere + ": ");
        assertThat(nowhere).doesNotExist();
    }

    @Test
    void badArgumentsGiveOneClearLineAndTheUsageExitCode() throws IOException {
        Path notEmpty = Files.createDirectories(dir.resolve("not-empty"));
        Files.writeString(notEmpty.resolve("keep.txt"), "mine");
        Path notAZip = Files.writeString(dir.resolve("not-a-bundle.txt"), "hello");

        assertUsageError(custos("evidence"), "evidence needs --period P and --out DIR|FILE.zip");
        assertUsageError(custos("evidence", "--period", "2026-13", "--out", dir.resolve("x").toString()),
                "invalid period '2026-13'");
        assertUsageError(custos("evidence", "--period", "2026-Q3", "--out", notEmpty.toString()),
                notEmpty + " exists and is not an empty directory");
        assertUsageError(custos("evidence", "verify", dir.resolve("nowhere").toString()),
                "no evidence bundle at " + dir.resolve("nowhere"));
        assertUsageError(custos("evidence", "verify", notAZip.toString()),
                notAZip + " is not a zip file");
        assertUsageError(custos("evidence", "verify"), "Missing required parameter");
        assertThat(Files.readString(notEmpty.resolve("keep.txt"))).isEqualTo("mine");
    }

    private static void assertUsageError(CommandResult result, String message) {
        assertThat(result.exitCode()).as(result.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).as(result.describe()).singleElement().asString()
                .startsWith("custos: ").contains(message);
        assertThat(result.showsStackTrace()).as(result.describe()).isFalse();
    }

    /** {@code custos args...} against the installation, with its evidence signing key. */
    private static CommandResult custos(String... args) {
        return installation.custos(Stream.concat(Stream.of(args),
                Stream.of("--custos.evidence.signing-key=" + signingKey)).toArray(String[]::new));
    }

    private static void run(String job, String period, Path inbox) {
        CommandResult run = installation.custos("run", job, "--period", period, "--inbox", inbox.toString());
        assertThat(run.exitCode()).as(run.describe()).isZero();
    }

    private static Path export(String period, Path out) {
        CommandResult export = custos("evidence", "--period", period, "--out", out.toString());
        assertThat(export.exitCode()).as(export.describe()).isZero();
        return out;
    }

    private static void changeMetric(String job, String period, String name, double delta) throws SQLException {
        try (Connection connection = installation.database().connect();
             PreparedStatement update = connection.prepareStatement(
                     CHANGE_METRIC.formatted(installation.database().resultsSchema()))) {
            update.setDouble(1, delta);
            update.setString(2, job);
            update.setString(3, period);
            update.setString(4, name);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static int indexOfMetric(List<String> lines, String job, String name) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(job + ",") && lines.get(i).contains("," + name + ",")) {
                return i;
            }
        }
        throw new AssertionError("no metric " + name + " of " + job + " in " + lines);
    }

    /** What a forger would do: a manifest that matches the changed files again. */
    private static void rewriteManifest(Path bundle) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        files(bundle).forEach((path, bytes) -> {
            if (!path.equals("MANIFEST.sha256") && !path.equals("MANIFEST.sha256.sig")) {
                hashes.put(path, Manifest.sha256(bytes));
            }
        });
        Files.write(bundle.resolve("MANIFEST.sha256"), Manifest.format(hashes));
    }

    private static int manifestLines(Path bundle) throws IOException {
        return Files.readAllLines(bundle.resolve("MANIFEST.sha256")).size();
    }

    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        return files;
    }

    private static void unzip(Path zipFile, Path target) throws IOException {
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                Path file = target.resolve(entry.getName());
                Files.createDirectories(file.getParent());
                Files.write(file, zip.getInputStream(entry).readAllBytes());
            }
        }
    }

    private static List<Map<String, String>> csv(Path file) throws IOException {
        EvidenceTable table = EvidenceTable.parse(file.getFileName().toString(), 1,
                new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        List<Map<String, String>> rows = new ArrayList<>();
        for (EvidenceTable.Row row : table.rows()) {
            Map<String, String> values = new TreeMap<>();
            for (int i = 0; i < table.header().size(); i++) {
                values.put(table.header().get(i), row.cells().get(i));
            }
            rows.add(values);
        }
        return rows;
    }

    /** Runs the stock {@code sha256sum -c MANIFEST.sha256} in the bundle's directory. */
    private static Program sha256sumCheck(Path bundle) throws IOException {
        return program(bundle, "sha256sum", "-c", "MANIFEST.sha256");
    }

    private static Program program(Path workingDirectory, String... command) throws IOException {
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            return new Program(process.waitFor(), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Program(int exitCode, String output) {
    }

    private static byte[] zipEntry(Path zipFile, String name) throws IOException {
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            return zip.getInputStream(zip.getEntry(name)).readAllBytes();
        }
    }
}
