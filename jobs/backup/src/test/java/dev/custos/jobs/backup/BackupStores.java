package dev.custos.jobs.backup;

import java.nio.file.Path;

import dev.custos.common.store.BlobStore;
import dev.custos.common.store.LocalDirBlobStore;
import dev.custos.common.store.S3BlobStore;
import dev.custos.common.test.TestS3;

/** The two kinds of store a backup goes to in tests: a local directory and a bucket on the test S3 server. */
public enum BackupStores {
    LOCAL_DIR, S3;

    public BlobStore create(Path dir, String testName) {
        return switch (this) {
            case LOCAL_DIR -> new LocalDirBlobStore(dir.resolve("store"));
            case S3 -> new S3BlobStore(TestS3.properties(TestS3.newBucketName(testName)));
        };
    }
}
