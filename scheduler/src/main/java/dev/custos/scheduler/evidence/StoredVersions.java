package dev.custos.scheduler.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.custos.common.period.Period;
import dev.custos.common.store.BlobInfo;
import dev.custos.common.store.BlobStore;

/** The versions of a period's bundle whose manifests the blob store keeps. */
final class StoredVersions {

    private final BlobStore store;
    private final Period period;
    private final TreeMap<Integer, String> keys = new TreeMap<>();

    private StoredVersions(BlobStore store, Period period) {
        this.store = store;
        this.period = period;
    }

    static StoredVersions of(BlobStore store, Period period) {
        StoredVersions versions = new StoredVersions(store, period);
        Pattern pattern = EvidenceKeys.manifestPattern(period);
        for (BlobInfo blob : store.list(EvidenceKeys.versions(period))) {
            Matcher key = pattern.matcher(blob.key());
            if (key.matches()) {
                versions.keys.put(Integer.parseInt(key.group(1)), blob.key());
            }
        }
        return versions;
    }

    /** The latest version, or 0 when no bundle of the period was exported. */
    int latest() {
        return keys.isEmpty() ? 0 : keys.lastKey();
    }

    /** Every version with a stored manifest, oldest first. */
    List<Integer> numbers() {
        return List.copyOf(keys.keySet());
    }

    boolean has(int version) {
        return keys.containsKey(version);
    }

    /** The manifest the store kept for {@code version}, if it kept one. */
    Optional<byte[]> manifest(int version) {
        String key = keys.get(version);
        if (key == null) {
            return Optional.empty();
        }
        return Optional.of(read(key));
    }

    private byte[] read(String key) {
        try (InputStream data = store.open(key)) {
            return data.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key + " from " + store.describe(), e);
        }
    }

    /** The {@code CHAIN} the store kept for {@code version}, if it kept one. */
    Optional<byte[]> chain(int version) {
        String key = EvidenceKeys.chain(period, version);
        if (!keys.containsKey(version) || store.stat(key).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(read(key));
    }

    String key(int version) {
        return EvidenceKeys.manifest(period, version);
    }
}
