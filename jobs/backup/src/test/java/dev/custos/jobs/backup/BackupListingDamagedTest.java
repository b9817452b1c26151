package dev.custos.jobs.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.custos.common.store.BlobStore;
import dev.custos.common.store.LocalDirBlobStore;
import dev.custos.common.test.TestDatabase;
import dev.custos.jobs.backup.archive.BackupCatalog;
import dev.custos.jobs.backup.archive.BackupManifest;

/**
 * One backup's manifest is damaged in the store: the list shows it as DAMAGED with the problem
 * and lists the other backups and the incomplete id all the same; verification fails it, naming
 * the manifest, and verifies the others. Each test keeps to its own month of ids.
 */
class BackupListingDamagedTest extends BackupJobTestSupport {

    private static final TestDatabase DATABASE = TestDatabase.create(BackupListingDamagedTest.class);
    private static final String INCOMPLETE = "2033-05-03.9999";

    @TempDir
    static Path storeDir;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
        registry.add("custos.store.dir", storeDir::toString);
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.drop();
    }

    @Test
    void aDamagedManifestIsListedAsDamagedAndTheRestAreListedAndVerified() throws Exception {
        Files.createDirectories(dir.resolve("in"));
        Files.writeString(dir.resolve("in/contract.txt"), "signed\n");
        String damaged = "2033-05-01." + completed(run("2033-05-01")).getId();
        String good = "2033-05-02." + completed(run("2033-05-02")).getId();
        store.put(BackupManifest.manifestKey(damaged),
                new ByteArrayInputStream("{\"id\": \"2033-05".getBytes(StandardCharsets.UTF_8)));
        store.put("backups/" + INCOMPLETE + "/archive.tar.zst",
                new ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8)));
        BackupCatalog catalog = new BackupCatalog(store);

        List<BackupListing.Line> lines = new BackupListing(catalog, jdbc, schema).lines().stream()
                .filter(line -> line.id().startsWith("2033-05-")).toList();

        assertThat(lines).extracting(BackupListing.Line::id).containsExactly(damaged, good, INCOMPLETE);
        assertThat(lines.get(0)).satisfies(line -> {
            assertThat(line.state()).isEqualTo(BackupListing.State.DAMAGED);
            assertThat(line.day()).isEqualTo(LocalDate.parse("2033-05-01"));
            assertThat(line.size()).isNull();
            assertThat(line.problem()).startsWith("backups/" + damaged + "/manifest.json: is not a readable manifest");
        });
        assertThat(lines.get(1).state()).isEqualTo(BackupListing.State.VERIFIED);
        assertThat(lines.get(1).problem()).isNull();
        assertThat(lines.get(2).state()).isEqualTo(BackupListing.State.INCOMPLETE);

        BackupVerifier verifier = new BackupVerifier(catalog, Optional.empty());
        VerificationResult failed = verifier.verify(damaged);
        assertThat(failed.verified()).isFalse();
        assertThat(failed.object()).isEqualTo(BackupManifest.manifestKey(damaged));
        assertThat(verifier.verify(good).verified()).isTrue();
    }

    @Test
    void oneListingHoldsTheBackupsAndTheIncompleteIds() {
        store.put("backups/2033-06-01.1/archive.tar.zst", new ByteArrayInputStream(new byte[] {1}));
        store.put("backups/2033-06-01.1/manifest.json", new ByteArrayInputStream(new byte[] {1}));
        store.put("backups/2033-06-02.2/archive.tar.zst", new ByteArrayInputStream(new byte[] {1}));

        BackupCatalog.Listing listing = new BackupCatalog(store).list();

        assertThat(listing.ids()).contains("2033-06-01.1").doesNotContain("2033-06-02.2");
        assertThat(listing.incomplete()).contains("2033-06-02.2").doesNotContain("2033-06-01.1");
        assertThat(listing.latest()).contains("2033-06-01.1");
    }

    @Test
    void aFolderNotNamedLikeABackupIdIsNeverTheLatest(@TempDir Path ownStore) {
        BlobStore own = new LocalDirBlobStore(ownStore);
        own.put("backups/2033-07-01.3/manifest.json", new ByteArrayInputStream(new byte[] {1}));
        own.put("backups/manual-copy/manifest.json", new ByteArrayInputStream(new byte[] {1}));

        BackupCatalog.Listing listing = new BackupCatalog(own).list();

        assertThat(listing.ids()).contains("manual-copy");
        assertThat(listing.latest()).contains("2033-07-01.3");
    }
}
