package dev.custos.scheduler.evidence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import dev.custos.common.CustosException;
import dev.custos.common.job.CustosProperties;
import dev.custos.common.period.Period;
import dev.custos.common.store.BlobInfo;
import dev.custos.common.store.BlobStore;
import dev.custos.scheduler.audit.OperatorAuditLog;

/**
 * Writes the evidence bundle of a period that is over: the results-schema tables of every run
 * within it ({@link ResultsEvidence}), the files those runs published (from the blob store's
 * {@code reports/}), a README, the installation's public key, the {@link Chain} links and the
 * {@link Manifest}, signed with the installation's Ed25519 key. Nothing in it depends on when it
 * was exported, and Ed25519 signatures are deterministic, so exporting unchanged data again gives
 * the same bytes: the latest version again, with the links it was first exported with. When the
 * content differs from the latest version's, the export is the next version, naming the manifest
 * it supersedes. Each version's manifest and {@code CHAIN} are kept in the blob store once, never
 * replaced; the latest version is the one the next period's bundle links to.
 */
@Component
@EnableConfigurationProperties(EvidenceProperties.class)
public class EvidenceExporter {

    static final String README = "README.txt";

    private static final Logger LOG = LoggerFactory.getLogger(EvidenceExporter.class);

    private final ResultsEvidence results;
    private final BlobStore store;
    private final CustosProperties custos;
    private final EvidenceProperties properties;
    private final PeriodExportLock lock;
    private final OperatorAuditLog auditLog;

    EvidenceExporter(ResultsEvidence results, @Lazy BlobStore store, CustosProperties custos,
                     EvidenceProperties properties, PeriodExportLock lock, OperatorAuditLog auditLog) {
        this.results = results;
        this.auditLog = auditLog;
        this.store = store;
        this.custos = custos;
        this.properties = properties;
        this.lock = lock;
    }

    /**
     * @throws PeriodNotOverException when {@code period} is not over yet; nothing is written
     * @throws SigningKeyException    when no usable signing key is configured; nothing is written
     */
    public EvidenceExport export(Period period, Path target) {
        PeriodNotOverException.requireOver(period, LocalDate.now(custos.zone()), custos.zone(),
                "its evidence can be exported");
        EvidenceSigningKey key = signingKey();
        return lock.holding(period, () -> {
            EvidenceExport export = write(period, target, key);
            if (BundleOutput.isZip(target)) {
                keepBundle(export);
            }
            return export;
        });
    }

    /**
     * Exports the bundle of {@code period} as a zip file the blob store keeps for its version
     * ({@link #bundle}), for the console to hand out; a temporary file on the way.
     *
     * @throws PeriodNotOverException when {@code period} is not over yet; nothing is written
     * @throws SigningKeyException    when no usable signing key is configured; nothing is written
     */
    private EvidenceExport exportToStore(Period period) {
        Path folder;
        try {
            folder = Files.createTempDirectory("custos-evidence-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the evidence bundle of " + period, e);
        }
        Path zip = folder.resolve(period + ".zip");
        try {
            return export(period, zip);
        } finally {
            deleteTemporary(zip);
            deleteTemporary(folder);
        }
    }

    /** A temporary file left behind is no reason to fail the export (or to hide why it failed): it is logged. */
    private static void deleteTemporary(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("cannot delete the temporary {}: {}", path, e.getClass().getSimpleName());
        }
    }

    /**
     * {@link #exportToStore(Period)} as an operator's action (the API's and the console's): recorded in the
     * operator audit log as {@code evidence export} once carried out, outcome {@code vN NEW} or {@code vN UNCHANGED}.
     */
    public EvidenceExport exportToStore(Period period, OperatorAuditLog.Actor actor) {
        return auditLog.carryOut(actor, "evidence export", "evidence " + period, null, null,
                () -> exportToStore(period), done -> "v" + done.version() + (done.newVersion() ? " NEW" : " UNCHANGED"));
    }

    /** The bundle the blob store keeps for version {@code version} of {@code period}, as a zip file. */
    public Optional<InputStream> bundle(Period period, int version) {
        String key = EvidenceKeys.bundle(period, version);
        return store.stat(key).map(info -> store.open(key));
    }

    /** The versions of {@code period} the blob store keeps a manifest of, oldest first. */
    public List<StoredVersion> versions(Period period) {
        StoredVersions versions = StoredVersions.of(store, period);
        return versions.numbers().stream().map(version -> new StoredVersion(version,
                Manifest.sha256(versions.manifest(version).orElseThrow()),
                store.stat(EvidenceKeys.bundle(period, version)).isPresent())).toList();
    }

    /** A version of a period's bundle: its manifest's SHA-256 and whether the store keeps the bundle itself. */
    public record StoredVersion(int version, String manifestSha256, boolean downloadable) {
    }

    /** The blob store keeps a zip bundle once per version, the first one exported. */
    private void keepBundle(EvidenceExport export) {
        String key = EvidenceKeys.bundle(export.period(), export.version());
        if (store.stat(key).isEmpty()) {
            store.put(key, export.target());
        }
    }

    private EvidenceExport write(Period period, Path target, EvidenceSigningKey key) {
        EvidenceScope scope = new EvidenceScope(period);
        List<EvidenceTable> tables = results.read(scope);
        EvidenceTable runs = tables.get(0);

        Map<String, Source> files = new TreeMap<>();
        files.put(README, Source.of(readme(scope).getBytes(StandardCharsets.UTF_8)));
        files.put(Manifest.PUBLIC_KEY, Source.of(Pem.encode(Pem.PUBLIC_KEY, key.publicKey().getEncoded())
                .getBytes(StandardCharsets.US_ASCII)));
        tables.forEach(table -> files.put(table.file(), Source.of(table.toCsv())));
        for (String folder : reportFolders(runs)) {
            for (BlobInfo blob : store.list(folder)) {
                files.put(blob.key(), new Source(null, blob.key()));
            }
        }
        Map<String, String> hashes = new TreeMap<>();
        files.forEach((path, source) -> hashes.put(path, source.sha256(store)));

        StoredVersions versions = StoredVersions.of(store, period);
        Chain chain = versionOf(period, versions, hashes);
        files.put(Chain.FILE, Source.of(chain.toBytes()));
        hashes.put(Chain.FILE, Manifest.sha256(chain.toBytes()));
        byte[] manifest = Manifest.format(hashes);
        byte[] signature = key.sign(manifest);

        try (BundleOutput output = BundleOutput.create(target)) {
            files.forEach((path, source) -> {
                try (InputStream data = source.open(store)) {
                    if (!output.write(path, data).equals(hashes.get(path))) {
                        throw new CustosException(path + " changed in the blob store during the export of " + period
                                + ": export again");
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            output.write(Manifest.FILE, new ByteArrayInputStream(manifest));
            output.write(Manifest.SIGNATURE, new ByteArrayInputStream(signature));
            output.commit();
        }
        boolean newVersion = chain.version() > versions.latest();
        String manifestKey = EvidenceKeys.manifest(period, chain.version());
        if (newVersion) {
            store.put(EvidenceKeys.chain(period, chain.version()), new ByteArrayInputStream(chain.toBytes()));
            store.put(manifestKey, new ByteArrayInputStream(manifest));
        }
        return new EvidenceExport(period, target, runs.rows().size(), hashes.size(), Manifest.sha256(manifest), chain,
                manifestKey, newVersion, EvidenceSigningKey.fingerprint(key.publicKey()));
    }

    /**
     * The latest stored version, with the links it was exported with, when this content (all but
     * {@code CHAIN}) is its content again; otherwise the next version, superseding the latest and
     * linking to the previous period's latest version.
     */
    private Chain versionOf(Period period, StoredVersions versions, Map<String, String> hashes) {
        int latest = versions.latest();
        if (latest == 0) {
            return link(period).asVersion(1, Chain.NONE);
        }
        byte[] latestManifest = versions.manifest(latest).orElseThrow();
        Map<String, String> listed = new TreeMap<>(Manifest.parse(latestManifest).hashes());
        String chainSha256 = listed.remove(Chain.FILE);
        if (listed.equals(hashes)) {
            Optional<Chain> kept = versions.chain(latest).flatMap(Chain::parse)
                    .filter(chain -> Manifest.sha256(chain.toBytes()).equals(chainSha256));
            if (kept.isPresent()) {
                return kept.get();
            }
        }
        return link(period).asVersion(latest + 1, Manifest.sha256(latestManifest));
    }

    /** The link to the latest version of the previous period's bundle (its version filled in later). */
    private Chain link(Period period) {
        StoredVersions previous = StoredVersions.of(store, period.previous());
        int latest = previous.latest();
        Optional<byte[]> manifest = previous.manifest(latest);
        if (manifest.isEmpty()) {
            return Chain.unlinked(period, 1, Chain.NONE, "no bundle of " + period.previous() + " had been exported"
                    + " (nothing under " + EvidenceKeys.versions(period.previous()) + " in the blob store)");
        }
        return Chain.linked(period, 1, Chain.NONE, latest, Manifest.sha256(manifest.get()));
    }

    private EvidenceSigningKey signingKey() {
        if (properties.signingKey() == null) {
            throw new SigningKeyException("no evidence signing key is configured: create one with 'custos evidence"
                    + " key create FILE' and set custos.evidence.signing-key=FILE");
        }
        return EvidenceSigningKey.load(properties.signingKey());
    }

    /** {@code reports/<job>/<period>/} of every (job, period) with a run in the bundle. */
    private static TreeSet<String> reportFolders(EvidenceTable runs) {
        TreeSet<String> folders = new TreeSet<>();
        runs.rows().forEach(row -> folders.add(EvidenceKeys.reports(row.cells().get(0), row.cells().get(1))));
        return folders;
    }

    private static String readme(EvidenceScope scope) {
        Period period = scope.period();
        return """
                Custos evidence bundle for %1$s

                It covers every run of every job whose period lies within %1$s: %2$s.

                %3$-24s every execution: ids, job, period, rerun number (0 = first run), status, start and end
                %4$-24s (ISO-8601, UTC), Spring Batch's item counts summed over the run's steps
                %4$-24s (read_count, write_count, skip_count: not the rows of the input files; those are
                %4$-24s rows_read, rows_accepted, rows_rejected in %7$s), code version (project version +
                %4$-24s git commit of the build), failure message
                %5$-24s which job instance's results are the results of each (job, period)
                %6$-24s every input file as received: name, size in bytes, SHA-256, data rows read
                %7$-24s every metric row: value, unit, and for KPIs the target and whether it was met;
                %4$-24s a figure without data has no value and says why
                %8$-24s rows rejected per input file (the reasons are in each job's rejects.csv)
                %15$-24s the warnings each run published beside its metrics (e.g. input_reused_from: the
                %4$-24s period whose input files it was given again; no_completion_in_period): name, value
                %4$-24s (a period or a date range), message
                %16$-24s the alerts custos serve raised about those periods: incident, kind, OPEN or RESOLVED,
                %4$-24s occurrence, opened and resolved at, summary (job, period and figures only), and how
                %4$-24s many of its messages the channels delivered and did not
                %17$-24s the operator audit log's rows of the period (%1$s's days in custos.zone): who, with
                %4$-24s which role, did what to which target, the outcome, when (UTC) and from where; the
                %4$-24s SHA-256 of the reason given, not its text
                %9$-24s the files each run published, as the blob store keeps them
                %10$-24s this bundle's version of %1$s and the manifest SHA-256 of the version it
                %4$-24s supersedes; the version and manifest SHA-256 of the %11$s bundle it extends
                %13$-24s the public key of the installation that signed the manifest
                %12$-24s the SHA-256 of every other file
                %14$-24s the Ed25519 signature of %12$s (64 bytes)

                Check the files:      sha256sum -c %12$s
                Check the signature:  openssl pkeyutl -verify -pubin -inkey %13$s -rawin -in %12$s -sigfile %14$s
                Check the key:        openssl pkey -pubin -in %13$s -outform DER | sha256sum
                                      (compare with the fingerprint the installation published)
                Check everything:     custos evidence verify <this bundle> [--previous <the %11$s bundle>]
                                      (also compares the tables with the results database, tells whether a later
                                      version supersedes this one, and follows the chain)
                """.formatted(period, scope.description(), ResultsEvidence.RUNS_FILE, "",
                ResultsEvidence.PERIOD_RESULTS_FILE, ResultsEvidence.INPUT_FILES_FILE, ResultsEvidence.METRICS_FILE,
                ResultsEvidence.REJECT_COUNTS_FILE, "reports/<job>/<period>/", Chain.FILE, period.previous(),
                Manifest.FILE, Manifest.PUBLIC_KEY, Manifest.SIGNATURE, ResultsEvidence.WARNINGS_FILE,
                ResultsEvidence.ALERTS_FILE, ResultsEvidence.OPERATOR_AUDIT_FILE);
    }

    /** A file's content: generated bytes, or an object of the blob store. */
    private record Source(byte[] bytes, String blobKey) {

        static Source of(byte[] bytes) {
            return new Source(bytes, null);
        }

        InputStream open(BlobStore store) {
            return bytes != null ? new ByteArrayInputStream(bytes) : store.open(blobKey);
        }

        String sha256(BlobStore store) {
            try (InputStream data = open(store)) {
                return Manifest.sha256(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
