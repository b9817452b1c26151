package dev.custos.scheduler.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import dev.custos.common.store.BlobStore;

/**
 * Checks an evidence bundle: every file against {@code MANIFEST.sha256}, no file beside the
 * listed ones and no symbolic link (never followed); the manifest against the one the blob store kept at export; the {@code CHAIN} link
 * against the previous period's manifest (the blob store's, and a previous bundle's when given);
 * and every table row against the results schema as it is now, so that a row changed in the
 * database after the export is caught as well as one changed in the bundle. {@link #bundleOnly()}
 * does the checks that need nothing but the bundles, for an auditor away from the installation.
 */
@Component
public class EvidenceVerifier {

    /** Null when checking the bundles only. */
    private final ResultsEvidence results;
    /** Null when checking the bundles only. */
    private final BlobStore store;

    EvidenceVerifier(ResultsEvidence results, @Lazy BlobStore store) {
        this.results = results;
        this.store = store;
    }

    /**
     * A verifier of the bundles alone: every file against {@code MANIFEST.sha256}, no unlisted file,
     * and the {@code CHAIN} link against the previous bundle when one is given; neither the blob
     * store's manifests nor the results schema, so a bundle whose manifest was recomputed after a
     * change passes it (the full check catches that).
     */
    public static EvidenceVerifier bundleOnly() {
        return new EvidenceVerifier(null, null);
    }

    /** Whether this verifier compares with the installation (blob store and results schema) too. */
    public boolean checksInstallation() {
        return store != null;
    }

    /**
     * @param previousBundle the previous period's bundle, to check the link against; may be {@code null}
     * @throws InvalidBundlePathException when a path holds no bundle
     */
    public EvidenceVerification verify(Path bundlePath, Path previousBundle) {
        try (BundleInput bundle = BundleInput.open(bundlePath);
             BundleInput previous = previousBundle == null ? null : BundleInput.open(previousBundle)) {
            List<String> problems = new ArrayList<>();
            if (!bundle.has(Manifest.FILE)) {
                problems.add(Manifest.FILE + ": missing from " + bundlePath + ", so no file can be checked");
                return new EvidenceVerification(bundlePath, null, 0, "not checked", problems);
            }
            byte[] manifestBytes = bundle.read(Manifest.FILE);
            Manifest.Parsed manifest = Manifest.parse(manifestBytes);
            problems.addAll(manifest.problems());
            checkFiles(bundle, manifest, problems);

            Optional<Chain> chain = readChain(bundle, manifest, problems);
            String chainState = "not checked";
            if (chain.isPresent()) {
                if (checksInstallation()) {
                    checkStoredManifest(chain.get(), manifestBytes, problems);
                }
                chainState = checkLink(chain.get(), previous, problems);
                if (checksInstallation()) {
                    checkTables(bundle, new EvidenceScope(chain.get().period()), problems);
                }
            }
            return new EvidenceVerification(bundlePath, chain.map(Chain::period).orElse(null),
                    manifest.hashes().size(), chainState, problems);
        }
    }

    private static void checkFiles(BundleInput bundle, Manifest.Parsed manifest, List<String> problems) {
        for (String link : bundle.links()) {
            problems.add(link + ": a symbolic link, not a file; a bundle holds its files themselves and verify"
                    + " does not follow links out of it");
        }
        manifest.hashes().forEach((path, expected) -> {
            if (bundle.links().contains(path)) {
                return;
            }
            if (!bundle.has(path)) {
                problems.add(path + ": listed in " + Manifest.FILE + " but missing from the bundle");
                return;
            }
            String actual;
            try (InputStream data = bundle.open(path)) {
                actual = Manifest.sha256(data);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path + " in " + bundle.location(), e);
            }
            if (!actual.equals(expected)) {
                problems.add(path + ": SHA-256 is " + actual + ", " + Manifest.FILE + " says " + expected
                        + " (the file was changed)");
            }
        });
        for (String path : bundle.files()) {
            if (!path.equals(Manifest.FILE) && !manifest.hashes().containsKey(path)) {
                problems.add(path + ": not listed in " + Manifest.FILE + " (a file was added)");
            }
        }
    }

    private static Optional<Chain> readChain(BundleInput bundle, Manifest.Parsed manifest, List<String> problems) {
        if (!bundle.has(Chain.FILE)) {
            problems.add(Chain.FILE + ": missing, so the bundle's period and its link are unknown");
            return Optional.empty();
        }
        if (!manifest.hashes().containsKey(Chain.FILE)) {
            problems.add(Chain.FILE + ": not covered by " + Manifest.FILE + ", so the link cannot be trusted");
        }
        Optional<Chain> chain = Chain.parse(bundle.read(Chain.FILE));
        if (chain.isEmpty()) {
            problems.add(Chain.FILE + ": not a chain file (period, previous-period, previous-manifest-sha256)");
        }
        return chain;
    }

    /** The blob store keeps the manifest of the last export of each period; this bundle's must be it. */
    private void checkStoredManifest(Chain chain, byte[] manifest, List<String> problems) {
        String key = EvidenceKeys.manifest(chain.period());
        if (store.stat(key).isEmpty()) {
            return;
        }
        String stored = storedSha256(key);
        String actual = Manifest.sha256(manifest);
        if (!stored.equals(actual)) {
            problems.add(Manifest.FILE + ": SHA-256 is " + actual + ", but the manifest the blob store kept for "
                    + chain.period() + " (" + key + ") has " + stored
                    + " (the bundle was changed, or a later export of " + chain.period() + " replaced it)");
        }
    }

    private String checkLink(Chain chain, BundleInput previous, List<String> problems) {
        String key = EvidenceKeys.manifest(chain.previous());
        List<String> checked = new ArrayList<>();
        if (!chain.isLinked()) {
            if (previous != null) {
                problems.add(Chain.FILE + ": records no " + chain.previous() + " bundle (" + chain.reason()
                        + "), so " + previous.location() + " cannot be checked against it");
            }
            return "no link to a " + chain.previous() + " bundle: " + chain.reason();
        }
        if (checksInstallation() && store.stat(key).isPresent()) {
            String stored = storedSha256(key);
            if (!stored.equals(chain.previousManifestSha256())) {
                problems.add(Chain.FILE + ": links to a " + chain.previous() + " manifest with SHA-256 "
                        + chain.previousManifestSha256() + ", but the blob store's " + key + " has " + stored
                        + " (the earlier bundle's manifest was changed or exported again)");
            } else {
                checked.add("the blob store's " + key);
            }
        }
        if (previous != null) {
            if (!previous.has(Manifest.FILE)) {
                problems.add(previous.location() + ": has no " + Manifest.FILE + " to check the link against");
            } else {
                String actual = Manifest.sha256(previous.read(Manifest.FILE));
                if (!actual.equals(chain.previousManifestSha256())) {
                    problems.add(Chain.FILE + ": links to a " + chain.previous() + " manifest with SHA-256 "
                            + chain.previousManifestSha256() + ", but " + previous.location() + "/" + Manifest.FILE
                            + " has " + actual + " (the earlier bundle was changed)");
                } else {
                    checked.add(previous.location().toString());
                }
            }
        }
        return "linked to the " + chain.previous() + " bundle (manifest sha256 " + chain.previousManifestSha256()
                + ")" + (checked.isEmpty() ? ", which is not available to check" : ", matching " + String.join(" and ", checked));
    }

    private void checkTables(BundleInput bundle, EvidenceScope scope, List<String> problems) {
        for (EvidenceTable current : results.read(scope)) {
            String file = current.file();
            if (!bundle.has(file)) {
                problems.add(file + ": missing from the bundle");
                continue;
            }
            EvidenceTable exported;
            try (InputStream in = bundle.open(file)) {
                exported = EvidenceTable.parse(file, current.keyColumns(), new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException | UncheckedIOException | IllegalStateException e) {
                problems.add(file + ": not readable as CSV: " + e.getMessage());
                continue;
            }
            compare(exported, current, problems);
        }
    }

    /** One problem per bundle row that differs from the database, per row missing on either side. */
    private static void compare(EvidenceTable exported, EvidenceTable current, List<String> problems) {
        String file = current.file();
        if (!exported.header().equals(current.header())) {
            problems.add(file + " line 1: header is " + exported.header() + ", expected " + current.header());
            return;
        }
        Map<List<String>, List<String>> database = new LinkedHashMap<>();
        current.rows().forEach(row -> database.put(EvidenceTable.key(row.cells(), current.keyColumns()), row.cells()));
        for (EvidenceTable.Row row : exported.rows()) {
            List<String> cells = row.cells();
            String where = file + " line " + row.line() + " (" + current.describeKey(cells) + ")";
            if (cells.size() != current.header().size()) {
                problems.add(where + ": has " + cells.size() + " fields, expected " + current.header().size());
                continue;
            }
            List<String> now = database.remove(EvidenceTable.key(cells, current.keyColumns()));
            if (now == null) {
                problems.add(where + ": not in the results schema");
                continue;
            }
            List<String> differences = new ArrayList<>();
            for (int i = current.keyColumns(); i < cells.size(); i++) {
                if (!cells.get(i).equals(now.get(i))) {
                    differences.add(current.header().get(i) + " '" + cells.get(i) + "' here, '" + now.get(i)
                            + "' in the results schema");
                }
            }
            if (!differences.isEmpty()) {
                problems.add(where + ": " + String.join("; ", differences));
            }
        }
        database.values().forEach(cells -> problems.add(file + ": row (" + current.describeKey(cells)
                + ") is in the results schema but not in the bundle"));
    }

    private String storedSha256(String key) {
        try (InputStream manifest = store.open(key)) {
            return Manifest.sha256(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key + " from " + store.describe(), e);
        }
    }
}
