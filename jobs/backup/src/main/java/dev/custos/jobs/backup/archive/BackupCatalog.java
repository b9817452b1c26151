package dev.custos.jobs.backup.archive;

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
import dev.custos.jobs.backup.store.StoreInputStream;

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

    /** The store's backups and incomplete ids, from one listing of {@code backups/}. */
    public Listing list() {
        TreeSet<String> withManifest = new TreeSet<>(ID_ORDER);
        TreeSet<String> withObjects = new TreeSet<>(ID_ORDER);
        for (BlobInfo object : store.list(BackupManifest.PREFIX)) {
            String rest = object.key().substring(BackupManifest.PREFIX.length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                String id = rest.substring(0, slash);
                withObjects.add(id);
                if (rest.substring(slash + 1).equals(BackupManifest.MANIFEST_FILE)) {
                    withManifest.add(id);
                }
            }
        }
        withObjects.removeAll(withManifest);
        return new Listing(List.copyOf(withManifest), List.copyOf(withObjects));
    }

    /** Ids of every backup with a manifest, oldest first (one listing; use {@link #list()} for both kinds). */
    public List<String> ids() {
        return list().ids();
    }

    /**
     * Ids with objects but no manifest: archives of runs that failed or are still writing. They
     * are not backups; retention may delete them once no run can still be writing them.
     */
    public List<String> incomplete() {
        return list().incomplete();
    }

    /**
     * The manifest of backup {@code id}, or empty when there is none.
     *
     * @throws BackupVerificationException when the manifest exists but cannot be read as one
     */
    public Optional<BackupManifest> manifest(String id) {
        String key = BackupManifest.manifestKey(id);
        try (InputStream json = StoreInputStream.open(store, key)) {
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

    /**
     * Every backup's manifest, oldest first.
     *
     * @throws BackupVerificationException at the first manifest that cannot be read; {@link #list()}
     *                                     and {@link #manifest(String)} read them one by one
     */
    public List<BackupManifest> manifests() {
        return list().ids().stream().map(id -> manifest(id).orElseThrow()).toList();
    }

    /** The newest backup (by day, then execution), if any. */
    public Optional<BackupManifest> latest() {
        return list().latest().flatMap(this::manifest);
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

    /** The day an id names, if it is written like a backup id. */
    public static Optional<LocalDate> dayOf(String id) {
        return parseId(id).map(ParsedId::day);
    }

    private record ParsedId(LocalDate day, long executionId) {
    }

    /**
     * What one listing of the store found, oldest first.
     *
     * @param ids        backups: ids with a manifest
     * @param incomplete ids with objects but no manifest (a failed or still running run): not backups
     */
    public record Listing(List<String> ids, List<String> incomplete) {

        /** The newest backup's id, if any; a folder not named like a backup id (put there by hand) never is. */
        public Optional<String> latest() {
            return ids.stream().filter(BackupCatalog::isId).reduce((older, newer) -> newer);
        }
    }
}
