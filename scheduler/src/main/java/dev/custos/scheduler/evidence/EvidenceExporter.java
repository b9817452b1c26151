package dev.custos.scheduler.evidence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import dev.custos.common.period.Period;
import dev.custos.common.store.BlobInfo;
import dev.custos.common.store.BlobStore;

/**
 * Writes the evidence bundle of a period: the results-schema tables of every run within it
 * ({@link ResultsEvidence}), the files those runs published (from the blob store's
 * {@code reports/}), a README, the {@link Chain} link to the previous period's bundle and the
 * {@link Manifest}. Nothing in it depends on when it was exported, so two exports of the same
 * data are byte-identical. The manifest is also kept in the blob store for the next period's link.
 */
@Component
public class EvidenceExporter {

    static final String README = "README.txt";

    private final ResultsEvidence results;
    private final BlobStore store;

    EvidenceExporter(ResultsEvidence results, @Lazy BlobStore store) {
        this.results = results;
        this.store = store;
    }

    public EvidenceExport export(Period period, Path target) {
        EvidenceScope scope = new EvidenceScope(period);
        List<EvidenceTable> tables = results.read(scope);
        EvidenceTable runs = tables.get(0);
        Chain chain = chain(period);

        Map<String, Source> files = new TreeMap<>();
        files.put(README, Source.of(readme(scope).getBytes(StandardCharsets.UTF_8)));
        files.put(Chain.FILE, Source.of(chain.toBytes()));
        tables.forEach(table -> files.put(table.file(), Source.of(table.toCsv())));
        for (String folder : reportFolders(runs)) {
            for (BlobInfo blob : store.list(folder)) {
                files.put(blob.key(), new Source(null, blob.key()));
            }
        }

        Map<String, String> hashes = new TreeMap<>();
        byte[] manifest;
        try (BundleOutput output = BundleOutput.create(target)) {
            files.forEach((path, source) -> {
                try (InputStream data = source.open(store)) {
                    hashes.put(path, output.write(path, data));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            manifest = Manifest.format(hashes);
            output.write(Manifest.FILE, new ByteArrayInputStream(manifest));
            output.commit();
        }
        String manifestKey = EvidenceKeys.manifest(period);
        store.put(manifestKey, new ByteArrayInputStream(manifest));
        return new EvidenceExport(period, target, runs.rows().size(), hashes.size(), Manifest.sha256(manifest), chain,
                manifestKey);
    }

    private Chain chain(Period period) {
        String key = EvidenceKeys.manifest(period.previous());
        Optional<BlobInfo> previous = store.stat(key);
        if (previous.isEmpty()) {
            return Chain.unlinked(period, "no bundle of " + period.previous() + " had been exported ("
                    + key + " was not in the blob store)");
        }
        try (InputStream manifest = store.open(key)) {
            return Chain.linked(period, Manifest.sha256(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
                %4$-24s (the results database's local time), counts, code version (project version + git commit
                %4$-24s of the build), failure message
                %5$-24s which job instance's results are the results of each (job, period)
                %6$-24s every input file as received: name, size in bytes, SHA-256, data rows read
                %7$-24s every metric row: value, unit, and for KPIs the target and whether it was met;
                %4$-24s a figure without data has no value and says why
                %8$-24s rows rejected per input file (the reasons are in each job's rejects.csv)
                %9$-24s the files each run published, as the blob store keeps them
                %10$-24s the SHA-256 of the MANIFEST.sha256 of the %11$s bundle, which this bundle extends
                %12$-24s the SHA-256 of every other file

                Check the files:   sha256sum -c MANIFEST.sha256
                Check everything:  custos evidence verify <this bundle> [--previous <the %11$s bundle>]
                                   (also compares the tables with the results database and follows the chain)
                """.formatted(period, scope.description(), ResultsEvidence.RUNS_FILE, "",
                ResultsEvidence.PERIOD_RESULTS_FILE, ResultsEvidence.INPUT_FILES_FILE, ResultsEvidence.METRICS_FILE,
                ResultsEvidence.REJECT_COUNTS_FILE, "reports/<job>/<period>/", Chain.FILE, period.previous(),
                Manifest.FILE);
    }

    /** A file's content: generated bytes, or an object of the blob store. */
    private record Source(byte[] bytes, String blobKey) {

        static Source of(byte[] bytes) {
            return new Source(bytes, null);
        }

        InputStream open(BlobStore store) {
            return bytes != null ? new ByteArrayInputStream(bytes) : store.open(blobKey);
        }
    }
}
