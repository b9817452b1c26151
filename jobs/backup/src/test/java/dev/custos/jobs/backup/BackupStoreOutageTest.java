package dev.custos.jobs.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.minio.ListMultipartUploadsArgs;
import io.minio.MinioAsyncClient;
import io.minio.messages.ListMultipartUploadsResult;

import dev.custos.common.store.BlobInfo;
import dev.custos.common.test.TestDatabase;
import dev.custos.common.test.TestS3;
import dev.custos.jobs.backup.archive.BackupCatalog;
import dev.custos.jobs.backup.archive.BackupManifest;
import dev.custos.jobs.backup.archive.Classification;

/**
 * The store dies in the middle of a backup's upload: a real s3proxy of the test's own, killed
 * once the archive's multipart upload is under way. The run retries, gives up and fails; no
 * manifest exists; once the server is back, the restarted run aborts the upload the dead server
 * could not be told to abort, and completes with a verified backup.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BackupStoreOutageTest extends BackupJobTestSupport {

    private static final TestDatabase DATABASE = TestDatabase.create(BackupStoreOutageTest.class);
    private static final String BUCKET = TestS3.newBucketName("backup-outage");
    /** Random, so incompressible: 12 parts of 5MB to upload, enough to be cut off after the first. */
    private static final int FILES = 6;
    private static final int FILE_SIZE = 10 * 1024 * 1024;
    private static final String DAY = "2031-03-01";

    /** The documents to back up and the test's own server's data. */
    @TempDir
    static Path files;

    private static S3ProxyProcess server;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        DATABASE.register(registry);
        Path documents = Files.createDirectories(files.resolve("documents"));
        Random random = new Random(42);
        byte[] block = new byte[1024 * 1024];
        for (int i = 0; i < FILES; i++) {
            try (OutputStream out = Files.newOutputStream(documents.resolve("scan-" + i + ".bin"))) {
                for (int written = 0; written < FILE_SIZE; written += block.length) {
                    random.nextBytes(block);
                    out.write(block);
                }
            }
        }
        server = S3ProxyProcess.onFreePort(files.resolve("s3proxy"));
        server.start();
        registerBucket(registry, BUCKET, server::endpoint, server::accessKey, server::secretKey);
        registry.add("custos.backup.retry.attempts", () -> "3");
        registry.add("custos.backup.retry.backoff", () -> "PT0.2S");
        registerDirectorySource(registry, 0, "documents", Classification.CONFIDENTIAL, documents::toString);
    }

    @AfterAll
    static void stopServerAndDropDatabase() {
        if (server != null) {
            server.close();
        }
        DATABASE.drop();
    }

    @Test
    void aStoreDyingMidUploadFailsTheRunWithoutManifestAndTheRestartAbortsTheLeftUploadAndCompletes() throws Exception {
        Files.createDirectories(dir.resolve("in"));
        try (MinioAsyncClient client = server.client()) {
            cutOffMidUploadThenRestart(client);
        }
    }

    private void cutOffMidUploadThenRestart(MinioAsyncClient client) throws Exception {
        CompletableFuture<JobExecution> running = CompletableFuture.supplyAsync(() -> {
            try {
                return run(DAY);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<ListMultipartUploadsResult.Upload> underWay = awaitUploadUnderWay(client, running);
        assertThat(underWay).as("the archive's multipart upload was seen under way before the run ended")
                .singleElement().satisfies(u -> assertThat(u.objectName()).startsWith("backups/" + DAY + "."));

        server.kill();
        JobExecution failed = running.get(3, TimeUnit.MINUTES);

        StepExecution archiveStep = failedStep(failed);
        assertThat(archiveStep.getStepName()).isEqualTo("backupArchiveStep");
        assertThat(archiveStep.getExitStatus().getExitDescription())
                .contains("writing the archive to s3://" + BUCKET, "failed 3 time(s)",
                        "No manifest was written, so there is no backup " + DAY + "." + failed.getId(),
                        "custos restart " + failed.getId())
                .doesNotContain(server.secretKey());

        server.start();
        assertThat(store.list("backups/")).extracting(BlobInfo::key)
                .noneMatch(key -> key.endsWith("/" + BackupManifest.MANIFEST_FILE));
        assertThat(new BackupCatalog(store).ids()).isEmpty();
        assertThat(pendingUploads(client)).as("the upload the killed server could not be told to abort")
                .extracting(ListMultipartUploadsResult.Upload::uploadId)
                .containsExactly(underWay.get(0).uploadId());

        JobExecution restarted = completed(jobOperator.restart(failed));

        assertThat(pendingUploads(client)).isEmpty();
        assertThat(new BackupCatalog(store).ids()).containsExactly(DAY + "." + restarted.getId());
        assertThat(values(DAY)).containsEntry("verified", 1.0);
    }

    /** Polls until the archive's multipart upload exists (its first part is on the wire), or the run ended. */
    private static List<ListMultipartUploadsResult.Upload> awaitUploadUnderWay(MinioAsyncClient client,
                                                                           CompletableFuture<JobExecution> running)
            throws InterruptedException {
        while (!running.isDone()) {
            List<ListMultipartUploadsResult.Upload> uploads = pendingUploadsOrNone(client);
            if (!uploads.isEmpty()) {
                return uploads;
            }
            Thread.sleep(20);
        }
        return List.of();
    }

    private static List<ListMultipartUploadsResult.Upload> pendingUploads(MinioAsyncClient client) {
        ListMultipartUploadsResult result = client.listMultipartUploads(ListMultipartUploadsArgs.builder()
                .bucket(BUCKET).build()).join().result();
        return result.uploads() == null ? List.of() : new ArrayList<>(result.uploads());
    }

    /** Before the run's first request the bucket does not exist: no uploads yet. */
    private static List<ListMultipartUploadsResult.Upload> pendingUploadsOrNone(MinioAsyncClient client) {
        try {
            return pendingUploads(client);
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
