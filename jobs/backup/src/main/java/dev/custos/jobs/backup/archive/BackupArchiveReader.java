package dev.custos.jobs.backup.archive;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;

import dev.custos.common.checksum.HashingInputStream;
import dev.custos.common.checksum.Sha256;
import dev.custos.common.store.BlobInfo;
import dev.custos.common.store.BlobStore;
import dev.custos.common.store.BlobStoreException;
import dev.custos.jobs.backup.key.BackupKey;
import dev.custos.jobs.backup.store.StoreInputStream;

/**
 * Reads a stored archive entry by entry, checking it against its manifest on the way: each entry's
 * content, once read to its end, must have the manifest's size and SHA-256; {@link #finish()} then
 * checks that every manifest entry came, and the stored object's size and SHA-256. Everything
 * streams from the store (decrypting and decompressing as it goes); nothing is held whole.
 *
 * <pre>{@code
 * try (BackupArchiveReader reader = BackupArchiveReader.open(store, manifest, key)) {
 *     for (Optional<BackupArchiveReader.ArchiveEntry> e = reader.next(); e.isPresent(); e = reader.next()) {
 *         e.get().content().transferTo(target);   // throws BackupVerificationException on a mismatch
 *     }
 *     reader.finish();                             // only now is the whole archive proven
 * }
 * }</pre>
 *
 * Every mismatch or unreadable byte throws {@link BackupVerificationException} naming the archive
 * object and, where it applies, the entry. A failure of the store while reading (a transfer broken
 * off) is no verdict: it is thrown as {@link BlobStoreException}, to be retried. A caller that writes entries out (restore) must treat
 * them as unproven until {@code finish()} returns.
 */
public final class BackupArchiveReader implements Closeable {

    /** Blocks read ahead from the store, decompressed bytes buffered, entry bytes drained. */
    private static final int BUFFER = 1024 * 1024;
    /** Blocks downloaded (and hashed) ahead of decrypting and decompressing. */
    private static final int PREFETCH_DEPTH = 8;

    private final BackupManifest manifest;
    private final String archiveKey;
    private final HashingInputStream stored;
    private final PrefetchInputStream prefetched;
    private final InputStream decompressed;
    private final TarArchiveInputStream tar;
    private final Map<String, BackupManifest.Entry> expected = new LinkedHashMap<>();
    private final Set<String> seen = new HashSet<>();
    private final byte[] drainBuffer = new byte[BUFFER];
    private EntryContent current;

    private BackupArchiveReader(BackupManifest manifest, HashingInputStream stored, PrefetchInputStream prefetched,
                                InputStream decompressed, TarArchiveInputStream tar) {
        this.manifest = manifest;
        this.archiveKey = manifest.archive().key();
        this.stored = stored;
        this.prefetched = prefetched;
        this.decompressed = decompressed;
        this.tar = tar;
        manifest.entries().forEach(entry -> expected.put(entry.path(), entry));
    }

    /**
     * Opens the archive {@code manifest} describes.
     *
     * @param key the configured key; required when the manifest says the archive is encrypted
     * @throws BackupVerificationException when the archive is missing, has another size than the
     *                                     manifest says, or needs a key that is not given
     */
    public static BackupArchiveReader open(BlobStore store, BackupManifest manifest, Optional<BackupKey> key) {
        BackupManifest.Archive archive = manifest.archive();
        BackupManifest.Encryption encryption = archive.encryption();
        if (encryption != null) {
            if (key.isEmpty()) {
                throw new BackupVerificationException(archive.key(), null, "encrypted with key " + encryption.keyId()
                        + ", but no key is configured (custos.backup.key-file or CUSTOS_BACKUP_KEYSET)");
            }
            if (!key.get().holds(encryption.keyId())) {
                throw new BackupVerificationException(archive.key(), null, "encrypted with key "
                        + encryption.keyId() + ", which the configured keyset (" + key.get().origin()
                        + ") does not hold; it holds " + key.get().keyIds());
            }
        }
        BlobInfo info = store.stat(archive.key()).orElseThrow(() -> new BackupVerificationException(archive.key(),
                null, "missing from " + store.describe()));
        if (info.size() != archive.size()) {
            throw new BackupVerificationException(archive.key(), null, "has " + info.size()
                    + " bytes stored, the manifest says " + archive.size() + " (truncated or replaced)");
        }
        InputStream raw = StoreInputStream.open(store, archive.key());
        PrefetchInputStream prefetched = null;
        try {
            // three stages on threads of their own: download and hash; decrypt and decompress; unpack and check
            HashingInputStream stored = new HashingInputStream(raw);
            prefetched = new PrefetchInputStream(stored, BUFFER, PREFETCH_DEPTH, "backup-read-" + archive.key());
            if (encryption != null) {
                AesGcmWarmUp.decrypting(); // while the first blocks download
            }
            InputStream plain = encryption == null ? prefetched
                    : key.get().decrypt(prefetched, manifest.associatedData());
            InputStream decompressed = new PrefetchInputStream(new ZstdInputStreamNoFinalizer(plain), BUFFER,
                    PREFETCH_DEPTH, "backup-unpack-" + archive.key());
            TarArchiveInputStream tar = new TarArchiveInputStream(decompressed, StandardCharsets.UTF_8.name());
            return new BackupArchiveReader(manifest, stored, prefetched, decompressed, tar);
        } catch (IOException | RuntimeException e) {
            if (prefetched != null) {
                closeQuietly(prefetched);
            }
            closeQuietly(raw);
            if (e instanceof BlobStoreException storeFailure) {
                throw storeFailure;
            }
            throw new BackupVerificationException(archive.key(), null, "cannot be read: " + e.getMessage(), e);
        }
    }

    public BackupManifest manifest() {
        return manifest;
    }

    /**
     * The next entry, after reading (and so verifying) whatever the caller left of the previous one;
     * empty at the end of the archive.
     */
    public Optional<ArchiveEntry> next() {
        if (current != null) {
            current.drain();
            current = null;
        }
        TarArchiveEntry entry;
        try {
            entry = tar.getNextEntry();
        } catch (IOException | RuntimeException e) {
            throw damaged(e);
        }
        if (entry == null) {
            return Optional.empty();
        }
        String path = entry.getName();
        BackupManifest.Entry listed = expected.get(path);
        // isFile() alone also holds for links and devices: only plain file entries are backup content
        if (!entry.isFile() || entry.getLinkFlag() != TarConstants.LF_NORMAL
                && entry.getLinkFlag() != TarConstants.LF_OLDNORM) {
            throw new BackupVerificationException(archiveKey, path, "is not a regular file entry");
        }
        if (listed == null) {
            throw new BackupVerificationException(archiveKey, path, "is in the archive but not in the manifest");
        }
        if (!seen.add(path)) {
            throw new BackupVerificationException(archiveKey, path, "appears twice in the archive");
        }
        if (entry.getSize() != listed.size()) {
            throw new BackupVerificationException(archiveKey, path, "has " + entry.getSize()
                    + " bytes, the manifest says " + listed.size());
        }
        current = new EntryContent(listed);
        return Optional.of(new ArchiveEntry(listed, current));
    }

    /**
     * Reads the rest of the archive and checks it as a whole: every manifest entry present, and the
     * stored bytes' count and SHA-256 equal to the manifest's. Only after this is the archive proven.
     */
    public Proof finish() {
        while (next().isPresent()) {
            // next() drains and verifies each remaining entry
        }
        try {
            while (decompressed.read(drainBuffer) >= 0) {
                // past the tar's end: padding, then zstd's and the encryption's last checks
            }
            while (prefetched.read(drainBuffer) >= 0) {
                // whatever follows is stored bytes too: counted and hashed by the prefetching thread
            }
        } catch (IOException | RuntimeException e) {
            throw damaged(e);
        }
        List<String> missing = expected.keySet().stream().filter(path -> !seen.contains(path)).toList();
        if (!missing.isEmpty()) {
            throw new BackupVerificationException(archiveKey, missing.get(0), "is in the manifest but missing from "
                    + "the archive" + (missing.size() > 1 ? " (and " + (missing.size() - 1) + " more)" : ""));
        }
        if (stored.count() != manifest.archive().size()) {
            throw new BackupVerificationException(archiveKey, null, stored.count() + " bytes were read, the manifest"
                    + " says " + manifest.archive().size());
        }
        String sha256 = stored.sha256();
        if (!sha256.equals(manifest.archive().sha256())) {
            throw new BackupVerificationException(archiveKey, null, "SHA-256 of the stored bytes is " + sha256
                    + ", the manifest says " + manifest.archive().sha256());
        }
        return new Proof(stored.count(), seen.size());
    }

    @Override
    public void close() {
        closeQuietly(tar);
    }

    /**
     * The verdict on a failure while reading: the archive is damaged, unless the store itself
     * failed ({@link BlobStoreException}, e.g. a transfer broken off), which is thrown as it is.
     */
    private RuntimeException damaged(Exception e) {
        if (e instanceof BackupVerificationException || e instanceof BlobStoreException) {
            return (RuntimeException) e;
        }
        String problem = manifest.archive().encryption() == null
                ? "is damaged: decompressing or unpacking it failed after " + stored.count() + " stored bytes: "
                : "is damaged (or was encrypted with another key of the same id): authenticating, decompressing or"
                        + " unpacking it failed after " + stored.count() + " stored bytes: ";
        return new BackupVerificationException(archiveKey, null, problem + e.getMessage(), e);
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException | RuntimeException e) {
            // reading is over; a failure to release is not the archive's verdict
        }
    }

    /** What {@link #finish()} proved: the stored bytes read and the entries checked. */
    public record Proof(long storedBytes, long entries) {
    }

    /**
     * One entry: its manifest line and its content. Reading the content to its end checks its size
     * and SHA-256 and throws {@link BackupVerificationException} (unchecked) on a mismatch.
     */
    public record ArchiveEntry(BackupManifest.Entry entry, InputStream content) {

        public String path() {
            return entry.path();
        }
    }

    private final class EntryContent extends InputStream {

        private final BackupManifest.Entry listed;
        private final MessageDigest digest = Sha256.newDigest();
        private long count;
        private boolean checked;

        EntryContent(BackupManifest.Entry listed) {
            this.listed = listed;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) {
            if (checked) {
                return -1;
            }
            int n;
            try {
                n = tar.read(bytes, offset, length);
            } catch (IOException | RuntimeException e) {
                throw damaged(e);
            }
            if (n < 0) {
                check();
                return -1;
            }
            digest.update(bytes, offset, n);
            count += n;
            return n;
        }

        void drain() {
            while (read(drainBuffer, 0, drainBuffer.length) >= 0) {
                // verified at the end
            }
        }

        private void check() {
            checked = true;
            if (count != listed.size()) {
                throw new BackupVerificationException(archiveKey, listed.path(), "has " + count
                        + " bytes, the manifest says " + listed.size());
            }
            String sha256 = Sha256.hex(digest);
            if (!sha256.equals(listed.sha256())) {
                throw new BackupVerificationException(archiveKey, listed.path(), "SHA-256 is " + sha256
                        + ", the manifest says " + listed.sha256());
            }
        }
    }
}
