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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.custos.common.period.Period;
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

    @BeforeAll
    static void runTheJobsOnSampleInputs() {
        installation = Installation.create(EvidenceBundleTest.class, dir.resolve("custos"));
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

        CommandResult export = installation.custos("evidence", "--period", "2026-Q3", "--out", bundle.toString());

        assertThat(export.exitCode()).as(export.describe()).isZero();
        assertThat(export.out()).contains("evidence 2026-Q3: 3 runs", "no link to a 2026-Q2 bundle");
        List<Map<String, String>> runs = csv(bundle.resolve("runs.csv"));
        assertThat(runs).extracting(r -> r.get("job") + " " + r.get("period") + " " + r.get("status"))
                .containsExactly(RECONCILIATION + " 2026-08 COMPLETED", RECONCILIATION + " 2026-09 COMPLETED",
                        TRAINING + " 2026-Q3 COMPLETED");
        assertThat(runs).allSatisfy(r -> {
            assertThat(r.get("code_version")).isEqualTo(CodeVersion.current())
                    .matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\+([0-9a-f]{40}|unknown)(\\.dirty)?");
            assertThat(r.get("rerun")).isEqualTo("0");
            assertThat(r.get("started_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
        });

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

        Sha256sum check = sha256sumCheck(bundle);
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output().lines()).hasSize(manifestLines(bundle)).allMatch(line -> line.endsWith(": OK"));

        CommandResult verify = installation.custos("evidence", "verify", bundle.toString());
        assertThat(verify.exitCode()).as(verify.describe()).isZero();
        assertThat(verify.out()).contains("evidence 2026-Q3 in " + bundle + ": intact");
    }

    @Test
    void zipAndDirectoryBundlesOfTheSameDataAreByteIdenticalAndBothVerify() throws IOException {
        List<Path> zips = List.of(dir.resolve("same/a.zip"), dir.resolve("same/b.zip"));
        List<Path> dirs = List.of(dir.resolve("same/a"), dir.resolve("same/b"));
        for (Path out : Stream.concat(zips.stream(), dirs.stream()).toList()) {
            CommandResult export = installation.custos("evidence", "--period", "2026-Q3", "--out", out.toString());
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
            CommandResult verify = installation.custos("evidence", "verify", bundle.toString());
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
        CommandResult verify = installation.custos("evidence", "verify", bundle.toString());

        assertThat(verify.exitCode()).as(verify.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(verify.errLines()).as(verify.describe()).singleElement().asString()
                .startsWith("custos: reports/permission-reconciliation/2026-08/revocations.csv: SHA-256 is ");

        Files.writeString(bundle.resolve("reports/extra.csv"), "a,b\n");
        CommandResult withExtra = installation.custos("evidence", "verify", bundle.toString());

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

        CommandResult verify = installation.custos("evidence", "verify", bundle.toString());

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

        CommandResult verify = installation.custos("evidence", "verify", bundle.toString());

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
            verify = installation.custos("evidence", "verify", bundle.toString());
        } finally {
            changeMetric(TRAINING, "2026-Q3", "covered", -1);
        }

        assertThat(verify.exitCode()).as(verify.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(verify.errLines()).as(verify.describe()).singleElement().asString()
                .matches("custos: metrics\\.csv line \\d+ \\(job=training-coverage period=2026-Q3 "
                        + "job_instance_id=\\d+ name=covered\\): value '\\d+' here, '\\d+' in the results schema")
                .contains("'" + Double.valueOf(covered).longValue() + "' here");
        assertThat(installation.custos("evidence", "verify", bundle.toString()).exitCode())
                .as("intact again once the row is restored").isZero();
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

        CommandResult verify = installation.custos("evidence", "verify", bundle.toString());

        assertThat(verify.exitCode()).as(verify.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(verify.errLines()).as(verify.describe()).hasSize(2)
                .anyMatch(l -> l.startsWith("custos: MANIFEST.sha256: SHA-256 is ")
                        && l.contains("evidence/2026-Q3/MANIFEST.sha256"))
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
                previous-period: 2026-08
                previous-manifest-sha256: %s
                """.formatted(augustManifest));

        CommandResult linked = installation.custos("evidence", "verify", september.toString(),
                "--previous", august.toString());
        assertThat(linked.exitCode()).as(linked.describe()).isZero();
        assertThat(linked.out()).contains("linked to the 2026-08 bundle (manifest sha256 " + augustManifest + ")",
                "matching the blob store's evidence/2026-08/MANIFEST.sha256 and " + august);

        Path forgedAugust = dir.resolve("chain/2026-08-forged");
        unzip(august, forgedAugust);
        Path revocations = forgedAugust.resolve("reports/permission-reconciliation/2026-08/revocations.csv");
        Files.writeString(revocations, Files.readString(revocations).replace("NEW", "PERSISTING"));
        rewriteManifest(forgedAugust);
        assertThat(sha256sumCheck(forgedAugust).exitCode()).as("the forged bundle passes sha256sum alone").isZero();

        CommandResult broken = installation.custos("evidence", "verify", september.toString(),
                "--previous", forgedAugust.toString());

        assertThat(broken.exitCode()).as(broken.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(broken.errLines()).as(broken.describe()).singleElement().asString()
                .startsWith("custos: CHAIN: links to a 2026-08 manifest with SHA-256 " + augustManifest + ", but "
                        + forgedAugust + "/MANIFEST.sha256 has ");

        Path storedAugust = installation.store().resolve("evidence/2026-08/MANIFEST.sha256");
        byte[] stored = Files.readAllBytes(storedAugust);
        Files.copy(forgedAugust.resolve("MANIFEST.sha256"), storedAugust, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        CommandResult storeReplaced;
        try {
            storeReplaced = installation.custos("evidence", "verify", september.toString());
        } finally {
            Files.write(storedAugust, stored);
        }
        assertThat(storeReplaced.exitCode()).as(storeReplaced.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(storeReplaced.errLines()).as(storeReplaced.describe()).singleElement().asString()
                .startsWith("custos: CHAIN: links to a 2026-08 manifest with SHA-256 " + augustManifest
                        + ", but the blob store's evidence/2026-08/MANIFEST.sha256 has ");
    }

    @Test
    void offlineVerifyNeedsNoDatabaseAndChecksTheFilesAndTheChainAgainstThePreviousBundle() throws IOException {
        Path august = export("2026-08", dir.resolve("offline/2026-08.zip"));
        Path september = export("2026-09", dir.resolve("offline/2026-09"));
        String nowhere = "--spring.datasource.url=jdbc:mariadb://127.0.0.1:1/nowhere";

        CommandResult intact = CommandResult.custos("evidence", "verify", "--offline", september.toString(),
                "--previous", august.toString(), nowhere);

        assertThat(intact.exitCode()).as(intact.describe()).isZero();
        assertThat(intact.out()).contains("evidence 2026-09 in " + september + ": intact (",
                "offline: the blob store and the results schema were not compared", "matching " + august);

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
                .anyMatch(line -> line.startsWith("custos: CHAIN: links to a 2026-08 manifest with SHA-256 ")
                        && line.contains(forgedAugust + "/MANIFEST.sha256 has "));
        assertThat(tampered.showsStackTrace()).isFalse();
    }

    @Test
    void badArgumentsGiveOneClearLineAndTheUsageExitCode() throws IOException {
        Path notEmpty = Files.createDirectories(dir.resolve("not-empty"));
        Files.writeString(notEmpty.resolve("keep.txt"), "mine");
        Path notAZip = Files.writeString(dir.resolve("not-a-bundle.txt"), "hello");

        assertUsageError(installation.custos("evidence"), "evidence needs --period P and --out DIR|FILE.zip");
        assertUsageError(installation.custos("evidence", "--period", "2026-13", "--out", dir.resolve("x").toString()),
                "invalid period '2026-13'");
        assertUsageError(installation.custos("evidence", "--period", "2026-Q3", "--out", notEmpty.toString()),
                notEmpty + " exists and is not an empty directory");
        assertUsageError(installation.custos("evidence", "verify", dir.resolve("nowhere").toString()),
                "no evidence bundle at " + dir.resolve("nowhere"));
        assertUsageError(installation.custos("evidence", "verify", notAZip.toString()),
                notAZip + " is not a zip file");
        assertUsageError(installation.custos("evidence", "verify"), "Missing required parameter");
        assertThat(Files.readString(notEmpty.resolve("keep.txt"))).isEqualTo("mine");
    }

    private static void assertUsageError(CommandResult result, String message) {
        assertThat(result.exitCode()).as(result.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).as(result.describe()).singleElement().asString()
                .startsWith("custos: ").contains(message);
        assertThat(result.showsStackTrace()).as(result.describe()).isFalse();
    }

    private static void run(String job, String period, Path inbox) {
        CommandResult run = installation.custos("run", job, "--period", period, "--inbox", inbox.toString());
        assertThat(run.exitCode()).as(run.describe()).isZero();
    }

    private static Path export(String period, Path out) {
        CommandResult export = installation.custos("evidence", "--period", period, "--out", out.toString());
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
            if (!path.equals("MANIFEST.sha256")) {
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
    private static Sha256sum sha256sumCheck(Path bundle) throws IOException {
        Process process = new ProcessBuilder("sha256sum", "-c", "MANIFEST.sha256").directory(bundle.toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            return new Sha256sum(process.waitFor(), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Sha256sum(int exitCode, String output) {
    }
}
