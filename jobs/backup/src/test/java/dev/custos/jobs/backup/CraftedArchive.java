package dev.custos.jobs.backup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import com.github.luben.zstd.ZstdOutputStream;

import dev.custos.common.checksum.Sha256;
import dev.custos.common.store.BlobStore;
import dev.custos.jobs.backup.archive.BackupManifest;
import dev.custos.jobs.backup.archive.Classification;

/**
 * A hand-made backup, as an attacker with write access to the store could make one: any entry
 * names (kept verbatim, absolute ones too), symbolic link entries, and a manifest that lists them
 * all with correct sizes and digests, so that only restore's own checks stand in the way.
 */
public final class CraftedArchive {

    private final String id;
    private final List<Item> items = new ArrayList<>();

    public CraftedArchive(String id) {
        this.id = id;
    }

    public CraftedArchive file(String name, String content) {
        items.add(new Item(name, content.getBytes(StandardCharsets.UTF_8), null));
        return this;
    }

    public CraftedArchive symlink(String name, String linkTarget) {
        items.add(new Item(name, new byte[0], linkTarget));
        return this;
    }

    /** Stores archive and manifest; returns the manifest. */
    public BackupManifest store(BlobStore store) {
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        List<BackupManifest.Entry> entries = new ArrayList<>();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new ZstdOutputStream(archive),
                StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Item item : items) {
                TarArchiveEntry entry = item.linkTarget == null ? new TarArchiveEntry(item.name, true)
                        : new TarArchiveEntry(item.name, TarArchiveEntry.LF_SYMLINK, true);
                if (item.linkTarget != null) {
                    entry.setLinkName(item.linkTarget);
                }
                entry.setSize(item.content.length);
                tar.putArchiveEntry(entry);
                tar.write(item.content);
                tar.closeArchiveEntry();
                entries.add(new BackupManifest.Entry(item.name, item.content.length,
                        Sha256.of(item.content, 0, item.content.length), null, "docs"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] stored = archive.toByteArray();
        String archiveKey = BackupManifest.archiveKey(id, false);
        store.put(archiveKey, new ByteArrayInputStream(stored));
        BackupManifest manifest = new BackupManifest(id, LocalDate.parse(id.substring(0, 10)), 1, Instant.now(),
                new BackupManifest.Archive(archiveKey, stored.length, Sha256.of(stored, 0, stored.length),
                        BackupManifest.COMPRESSION, null),
                List.of(new BackupManifest.Source("docs", "directory", Classification.INTERNAL, null, null, "/docs")),
                entries, List.of(), new BackupManifest.Totals(entries.size(), 0,
                        entries.stream().mapToLong(BackupManifest.Entry::size).sum()));
        store.put(manifest.manifestKey(), new ByteArrayInputStream(manifest.toJson()));
        return manifest;
    }

    private record Item(String name, byte[] content, String linkTarget) {
    }
}
