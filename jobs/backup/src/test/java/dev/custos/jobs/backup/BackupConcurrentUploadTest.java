package dev.custos.jobs.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.custos.common.store.BlobUpload;
import dev.custos.common.store.PendingUploads;
import dev.custos.common.test.TestDatabase;
import dev.custos.common.test.TestS3;

/**
 * Two runs of one day at once (a {@code --rerun} while the scheduled run uploads): each aborts
 * only the multipart uploads under its own backup id, so the other's upload, begun first and still
 * in flight, survives the run and completes.
 */
class BackupConcurrentUploadTest extends BackupJobTestSupport {

    private static final TestDatabase DATABASE = TestDatabase.create(BackupConcurrentUploadTest.class);
    private static final String BUCKET = TestS3.newBucketName("backup-concurrent");
    private static final String DAY = "2033-07-01";
    /** The archive of the other run of the day, whose execution id this test's run never has. */
    private static final String OTHER_ARCHIVE = "backups/" + DAY + ".999999/archive.tar.zst";

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
        registerTestBucket(registry, BUCKET);
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.drop();
    }

    @Test
    void aRunLeavesTheInFlightUploadOfAnotherRunOfTheDay() throws Exception {
        Files.createDirectories(dir.resolve("in"));
        Files.writeString(dir.resolve("in/contract.txt"), "signed\n");
        BlobUpload other = store.create(OTHER_ARCHIVE);
        other.write(new byte[(int) TestS3.PART_SIZE.toBytes() + 1]); // starts the multipart upload, sends part 1

        completed(run(DAY));

        assertThat(PendingUploads.list(store, "backups/" + DAY + ".")).extracting(PendingUploads.Upload::key)
                .containsExactly(OTHER_ARCHIVE);
        other.close();
        assertThat(store.stat(OTHER_ARCHIVE)).hasValueSatisfying(info -> assertThat(info.size())
                .isEqualTo(TestS3.PART_SIZE.toBytes() + 1));
    }
}
