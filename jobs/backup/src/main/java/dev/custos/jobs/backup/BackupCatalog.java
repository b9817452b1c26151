package dev.custos.jobs.backup;

import java.io.InputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import tools.jackson.core.JacksonException;

import dev.custos.common.store.BlobInfo;
import dev.custos.common.store.BlobNotFoundException;
import dev.custos.common.store.BlobStore;

/**
 * The backups in a store, found by their manifests under {@code backups/<id>/manifest.json}: a
 * backup exists exactly when its manifest does. Ids order by day, then by execution id.
 */
public final class BackupCatalog {

    /** Oldest first: by day, then by execution id; ids of another shape last, by text. */
    public static final Comparator<String> ID_ORDER = Comparator
            .comparing((String id) -> parseId(id).isEmpty())
            .thenComparing(id -> parseId(id).map(ParsedId::day).orElse(LocalDate.MIN))
            .thenComparingLong(id -> parseId(id).map(ParsedId::executionId).orElse(0L))
            .thenComparing(Comparator.naturalOrder());

    private final BlobStore store;

    public BackupCatalog(BlobStore store) {
        this.store = store;
    }

    public BlobStore store() {
        return store;
    }

    /** Ids of every backup with a manifest, oldest first. */
    public List<String> ids() {
        TreeSet<String> ids = new TreeSet<>(ID_ORDER);
        for (BlobInfo object : store.list(BackupManifest.PREFIX)) {
            String rest = object.key().substring(BackupManifest.PREFIX.length());
            int slash = rest.indexOf('/');
            if (slash > 0 && rest.substring(slash + 1).equals(BackupManifest.MANIFEST_FILE)) {
                ids.add(rest.substring(0, slash));
            }
        }
        return List.copyOf(ids);
    }

    /**
     * Ids with objects but no manifest: archives of runs that failed or are still writing. They
     * are not backups; retention may delete them once no run can still be writing them.
     */
    public List<String> incomplete() {
        TreeSet<String> withObjects = new TreeSet<>(ID_ORDER);
        for (BlobInfo object : store.list(BackupManifest.PREFIX)) {
            String rest = object.key().substring(BackupManifest.PREFIX.length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                withObjects.add(rest.substring(0, slash));
            }
        }
        withObjects.removeAll(ids());
        return List.copyOf(withObjects);
    }

    /**
     * The manifest of backup {@code id}, or empty when there is none.
     *
     * @throws BackupVerificationException when the manifest exists but cannot be read as one
     */
    public Optional<BackupManifest> manifest(String id) {
        String key = BackupManifest.manifestKey(id);
        try (InputStream json = store.open(key)) {
            BackupManifest manifest = BackupManifest.fromJson(json);
            if (!id.equals(manifest.id())) {
                throw new BackupVerificationException(key, null, "names backup '" + manifest.id() + "', not " + id);
            }
            return Optional.of(manifest);
        } catch (BlobNotFoundException e) {
            return Optional.empty();
        } catch (JacksonException e) {
            throw new BackupVerificationException(key, null, "is not a readable manifest: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new BackupVerificationException(key, null, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** Every backup's manifest, oldest first. */
    public List<BackupManifest> manifests() {
        return ids().stream().map(id -> manifest(id).orElseThrow()).toList();
    }

    /** The newest backup (by day, then execution), if any. */
    public Optional<BackupManifest> latest() {
        List<String> ids = ids();
        return ids.isEmpty() ? Optional.empty() : manifest(ids.get(ids.size() - 1));
    }

    /** Whether {@code text} is written like a backup id, {@code <day>.<execution id>}. */
    public static boolean isId(String text) {
        return parseId(text).isPresent();
    }

    private static Optional<ParsedId> parseId(String id) {
        int dot = id.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ParsedId(LocalDate.parse(id.substring(0, dot)),
                    Long.parseLong(id.substring(dot + 1))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private record ParsedId(LocalDate day, long executionId) {
    }
}
