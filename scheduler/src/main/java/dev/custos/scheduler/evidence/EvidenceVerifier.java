package dev.custos.scheduler.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import dev.custos.common.period.Period;
import dev.custos.common.store.BlobStore;

/**
 * Checks an evidence bundle: every file against {@code MANIFEST.sha256}, no file beside the
 * listed ones and no symbolic link (never followed); the manifest's Ed25519 signature, by the
 * installation's key (the public half of {@code custos.evidence.signing-key}, or a key the
 * auditor trusts), so that a bundle rewritten consistently (files, manifest, chain) and signed
 * with another key is caught; the manifest against the one the blob store kept for its version,
 * and whether a later version supersedes it; the {@code CHAIN} links (the superseded version, the
 * previous period's bundle from the blob store and, when given, as a bundle); and every table row
 * against the results schema as it is now, so that a row changed in the database after the export
 * is caught as well as one changed in the bundle. {@link #bundleOnly()} does the checks that need
 * nothing but the bundles, for an auditor away from the installation.
 */
@Component
@EnableConfigurationProperties(EvidenceProperties.class)
public class EvidenceVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(EvidenceVerifier.class);

    /** Null when checking the bundles only. */
    private final ResultsEvidence results;
    /** Null when checking the bundles only. */
    private final BlobStore store;
    /** Null when checking the bundles only. */
    private final EvidenceProperties properties;

    EvidenceVerifier(ResultsEvidence results, @Lazy BlobStore store, EvidenceProperties properties) {
        this.results = results;
        this.store = store;
        this.properties = properties;
    }

    /**
     * A verifier of the bundles alone: every file against {@code MANIFEST.sha256}, no unlisted file,
     * the signature (by a trusted key when one is given), and the {@code CHAIN} link against the
     * previous bundle when one is given; neither the blob store's manifests nor the results schema.
     */
    public static EvidenceVerifier bundleOnly() {
        return new EvidenceVerifier(null, null, null);
    }

    /**
     * {@link #verify} of the zip bundle the blob store keeps for version {@code version} of
     * {@code period} (the API's and the console's verify), through a temporary copy deleted after;
     * empty when the store keeps no zip of that version.
     */
    public Optional<EvidenceVerification> verifyStored(Period period, int version) {
        String key = EvidenceKeys.bundle(period, version);
        if (store.stat(key).isEmpty()) {
            return Optional.empty();
        }
        Path zip;
        try (InputStream bundle = store.open(key)) {
            zip = Files.createTempFile("custos-evidence-", ".zip");
            Files.copy(bundle, zip, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the bundle of " + period + " v" + version + " to verify it", e);
        }
        try {
            return Optional.of(verify(zip, null, null));
        } finally {
            try {
                Files.deleteIfExists(zip);
            } catch (IOException e) {
                // the verdict stands; the copy is left to the temporary folder's cleanup
                LOG.warn("cannot delete the temporary copy {}: {}", zip, e.getClass().getSimpleName());
            }
        }
    }

    /** Whether this verifier compares with the installation (blob store and results schema) too. */
    public boolean checksInstallation() {
        return store != null;
    }

    /**
     * @param previousBundle the previous period's bundle, to check the link against; may be {@code null}
     * @param trustedKey     a file holding the public key (PEM) the bundle must be signed with; may be
     *                       {@code null}: then the installation's key, when this verifier checks it
     * @throws InvalidBundlePathException when a path holds no bundle, or {@code trustedKey} no public key
     * @throws SigningKeyException        when the installation's configured key cannot be read
     */
    public EvidenceVerification verify(Path bundlePath, Path previousBundle, Path trustedKey) {
        Trusted trusted = trusted(trustedKey);
        try (BundleInput bundle = BundleInput.open(bundlePath);
             BundleInput previous = previousBundle == null ? null : BundleInput.open(previousBundle)) {
            List<String> problems = new ArrayList<>();
            if (!bundle.has(Manifest.FILE)) {
                problems.add(Manifest.FILE + ": missing from " + bundlePath + ", so no file can be checked");
                return new EvidenceVerification(bundlePath, null, 0, 0, "not checked", "not checked", false, "not checked",
                        problems);
            }
            byte[] manifestBytes = bundle.read(Manifest.FILE);
            Manifest.Parsed manifest = Manifest.parse(manifestBytes);
            problems.addAll(manifest.problems());
            checkFiles(bundle, manifest, problems);
            String signature = checkSignature(bundle, manifestBytes, trusted, problems);

            Optional<Chain> chain = readChain(bundle, manifest, problems);
            Standing standing = new Standing("not checked", false);
            String chainState = "not checked";
            if (chain.isPresent()) {
                standing = checksInstallation()
                        ? checkStoredVersion(chain.get(), manifestBytes, problems)
                        : new Standing("v" + chain.get().version() + " of " + chain.get().period()
                                + " (offline: whether a later version supersedes it was not checked)", false);
                chainState = checkLink(chain.get(), previous, problems);
                if (standing.current()) {
                    checkTables(bundle, new EvidenceScope(chain.get().period()), problems);
                }
            }
            return new EvidenceVerification(bundlePath, chain.map(Chain::period).orElse(null),
                    chain.map(Chain::version).orElse(0), manifest.hashes().size(), signature, standing.text(),
                    standing.current(), chainState, problems);
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
            if (!path.equals(Manifest.FILE) && !path.equals(Manifest.SIGNATURE) && !manifest.hashes().containsKey(path)) {
                problems.add(path + ": not listed in " + Manifest.FILE + " (a file was added)");
            }
        }
    }

    /** The key the bundle must be signed with, and where it came from, or none. */
    private record Trusted(PublicKey key, String source) {
    }

    private Trusted trusted(Path trustedKey) {
        if (trustedKey != null) {
            byte[] text;
            try {
                text = Files.readAllBytes(trustedKey);
            } catch (IOException e) {
                throw new InvalidBundlePathException("--trusted-key " + trustedKey + ": cannot be read ("
                        + e.getMessage() + ")");
            }
            return new Trusted(Pem.publicKey(text).orElseThrow(() -> new InvalidBundlePathException("--trusted-key "
                    + trustedKey + ": holds no Ed25519 public key (PEM PUBLIC KEY), e.g. a bundle's "
                    + Manifest.PUBLIC_KEY + " or the installation's key file")), "the trusted key " + trustedKey);
        }
        if (checksInstallation() && properties.signingKey() != null) {
            return new Trusted(EvidenceSigningKey.load(properties.signingKey()).publicKey(),
                    "this installation's key (custos.evidence.signing-key)");
        }
        return null;
    }

    private static String checkSignature(BundleInput bundle, byte[] manifest, Trusted trusted, List<String> problems) {
        if (!bundle.has(Manifest.SIGNATURE)) {
            problems.add(Manifest.SIGNATURE + ": missing, so nothing shows who made " + Manifest.FILE
                    + " (every file could have been changed and the manifest recomputed)");
            return "missing";
        }
        if (!bundle.has(Manifest.PUBLIC_KEY)) {
            problems.add(Manifest.PUBLIC_KEY + ": missing, so the signature cannot be checked");
            return "not checked";
        }
        Optional<PublicKey> key = Pem.publicKey(bundle.read(Manifest.PUBLIC_KEY));
        if (key.isEmpty()) {
            problems.add(Manifest.PUBLIC_KEY + ": not an Ed25519 public key (PEM PUBLIC KEY), so the signature cannot"
                    + " be checked");
            return "not checked";
        }
        String fingerprint = EvidenceSigningKey.fingerprint(key.get());
        if (!EvidenceSigningKey.verifies(key.get(), manifest, bundle.read(Manifest.SIGNATURE))) {
            problems.add(Manifest.SIGNATURE + ": not a signature of this " + Manifest.FILE + " by the key in "
                    + Manifest.PUBLIC_KEY + " (" + fingerprint + "): the manifest was changed after it was signed");
            return "invalid";
        }
        if (trusted == null) {
            return "valid, by the key in the bundle, " + fingerprint + ", which was not compared with a trusted key"
                    + " (give --trusted-key FILE, or check the fingerprint with the installation)";
        }
        if (!EvidenceSigningKey.sameKey(key.get(), trusted.key())) {
            problems.add(Manifest.PUBLIC_KEY + ": the bundle is signed by key " + fingerprint + ", not by "
                    + trusted.source() + ", " + EvidenceSigningKey.fingerprint(trusted.key())
                    + ": it was not made by this installation, or was re-signed after a change");
            return "by another key";
        }
        return "valid, by " + trusted.source() + ", " + fingerprint;
    }

    private static Optional<Chain> readChain(BundleInput bundle, Manifest.Parsed manifest, List<String> problems) {
        if (!bundle.has(Chain.FILE)) {
            problems.add(Chain.FILE + ": missing, so the bundle's period, version and link are unknown");
            return Optional.empty();
        }
        if (!manifest.hashes().containsKey(Chain.FILE)) {
            problems.add(Chain.FILE + ": not covered by " + Manifest.FILE + ", so the link cannot be trusted");
        }
        Optional<Chain> chain = Chain.parse(bundle.read(Chain.FILE));
        if (chain.isEmpty()) {
            problems.add(Chain.FILE + ": not a chain file (period, version, supersedes-manifest-sha256,"
                    + " previous-period, previous-manifest-sha256)");
        }
        return chain;
    }

    /**
     * Whether a bundle is the current version of its period, in words: only the current version's
     * tables are what the results schema holds now; a superseded one's are what it held then, which
     * the manifest the blob store kept for that version and the signature vouch for.
     */
    private record Standing(String text, boolean current) {
    }

    /**
     * The blob store keeps the manifest of every version of a period; this bundle's must be the one of
     * its version, and the version it supersedes the one before.
     */
    private Standing checkStoredVersion(Chain chain, byte[] manifest, List<String> problems) {
        StoredVersions versions = StoredVersions.of(store, chain.period());
        String key = versions.key(chain.version());
        Optional<byte[]> stored = versions.manifest(chain.version());
        if (stored.isEmpty()) {
            problems.add(Chain.FILE + ": the bundle says it is " + chain.describeVersion() + ", but the blob store has"
                    + " no such version (" + key + "): it was not exported by this installation");
            return new Standing("unknown to this installation", false);
        }
        String actual = Manifest.sha256(manifest);
        String kept = Manifest.sha256(stored.get());
        if (!kept.equals(actual)) {
            problems.add(Manifest.FILE + ": SHA-256 is " + actual + ", but the blob store kept " + kept + " for "
                    + chain.describeVersion() + " (" + key + "): the bundle was changed after its export");
        }
        if (chain.supersedes()) {
            Optional<String> superseded = versions.manifest(chain.version() - 1).map(Manifest::sha256);
            if (superseded.isPresent() && !superseded.get().equals(chain.supersedesManifestSha256())) {
                problems.add(Chain.FILE + ": says " + chain.describeVersion() + " supersedes a manifest with SHA-256 "
                        + chain.supersedesManifestSha256() + ", but the blob store's v" + (chain.version() - 1) + " ("
                        + versions.key(chain.version() - 1) + ") has " + superseded.get());
            }
        }
        int latest = versions.latest();
        return latest == chain.version()
                ? new Standing(chain.describeVersion() + ", current (the latest version exported)", true)
                : new Standing(chain.describeVersion() + ", superseded by v" + latest + " (a later export of "
                        + chain.period() + " with changed content; this version stays valid as what was exported"
                        + " then, so its tables were not compared with the results schema, which holds v" + latest
                        + "'s)", false);
    }

    private String checkLink(Chain chain, BundleInput previous, List<String> problems) {
        List<String> checked = new ArrayList<>();
        if (!chain.isLinked()) {
            if (previous != null) {
                problems.add(Chain.FILE + ": records no " + chain.previous() + " bundle (" + chain.reason()
                        + "), so " + previous.location() + " cannot be checked against it");
            }
            return chain.describeLink();
        }
        if (checksInstallation()) {
            StoredVersions versions = StoredVersions.of(store, chain.previous());
            String key = versions.key(chain.previousVersion());
            Optional<String> stored = versions.manifest(chain.previousVersion()).map(Manifest::sha256);
            if (stored.isPresent() && !stored.get().equals(chain.previousManifestSha256())) {
                problems.add(Chain.FILE + ": links to " + chain.previous() + " v" + chain.previousVersion()
                        + " with manifest SHA-256 " + chain.previousManifestSha256() + ", but the blob store's " + key
                        + " has " + stored.get() + " (the earlier bundle's manifest in the store was changed)");
            } else if (stored.isPresent()) {
                checked.add("the blob store's " + key);
            }
        }
        if (previous != null && checkPreviousBundle(chain, previous, problems)) {
            checked.add(previous.location().toString());
        }
        return chain.describeLink() + (checked.isEmpty() ? ", which is not available to check"
                : ", matching " + String.join(" and ", checked));
    }

    /** Whether {@code previous} is the bundle the link names; a problem saying what it is instead when not. */
    private static boolean checkPreviousBundle(Chain chain, BundleInput previous, List<String> problems) {
        String given = "--previous " + previous.location();
        if (!previous.has(Manifest.FILE)) {
            problems.add(given + ": has no " + Manifest.FILE + ", so it is no evidence bundle to check the link against");
            return false;
        }
        Optional<Chain> theirs = previous.has(Chain.FILE) ? Chain.parse(previous.read(Chain.FILE)) : Optional.empty();
        if (theirs.isPresent() && !theirs.get().period().equals(chain.previous())) {
            problems.add(given + ": the previous bundle is of " + theirs.get().period() + ", not " + chain.previous()
                    + " (the bundle of " + chain.period() + " links to the one of " + chain.previous() + ")");
            return false;
        }
        if (theirs.isPresent() && theirs.get().version() != chain.previousVersion()) {
            problems.add(given + ": the previous bundle is " + theirs.get().describeVersion() + ", but the bundle of "
                    + chain.period() + " links to " + chain.previous() + " v" + chain.previousVersion()
                    + " (give that version)");
            return false;
        }
        String actual = Manifest.sha256(previous.read(Manifest.FILE));
        if (!actual.equals(chain.previousManifestSha256())) {
            problems.add(Chain.FILE + ": links to " + chain.previous() + " v" + chain.previousVersion()
                    + " with manifest SHA-256 " + chain.previousManifestSha256() + ", but " + previous.location() + "/"
                    + Manifest.FILE + " has " + actual + " (the previous bundle was changed after its export)");
            return false;
        }
        return true;
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
}
