package dev.custos.common.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.common.test.TestS3;
import io.minio.AbortMultipartUploadArgs;
import io.minio.BucketExistsArgs;
import io.minio.ListMultipartUploadsArgs;
import io.minio.MinioAsyncClient;
import io.minio.RemoveBucketArgs;
import io.minio.messages.ListMultipartUploadsResult;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The contract against a real S3 server ({@link TestS3}), in a bucket of this class's own. */
class S3BlobStoreTest extends BlobStoreContract {

    private static final String CLOSED_PORT_ENDPOINT = "http://127.0.0.1:1";

    private static String bucket;
    private static S3BlobStore store;
    private static MinioAsyncClient inspector;

    @BeforeAll
    static void createStoreInFreshBucket() {
        bucket = TestS3.newBucketName("s3-blob-store-test");
        store = new S3BlobStore(TestS3.properties(bucket));
        inspector = MinioAsyncClient.builder()
                .endpoint(TestS3.endpoint())
                .region(S3Properties.DEFAULT_REGION)
                .credentials(TestS3.accessKey(), TestS3.secretKey())
                .build();
    }

    @AfterAll
    static void removeBucket() throws Exception {
        if (store == null) {
            return;
        }
        if (inspector.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()).join()) {
            for (ListMultipartUploadsResult.Upload upload : uploadsInProgress("")) {
                inspector.abortMultipartUpload(AbortMultipartUploadArgs.builder()
                        .bucket(bucket).object(upload.objectName()).uploadId(upload.uploadId()).build()).join();
            }
            store.list("").forEach(object -> store.delete(object.key()));
            inspector.removeBucket(RemoveBucketArgs.builder().bucket(bucket).build()).join();
        }
        store.close();
        inspector.close();
    }

    @Override
    protected BlobStore store() {
        return store;
    }

    @Override
    protected void assertNothingPendingUnder(String prefix) {
        assertThat(uploadsInProgress(prefix)).isEmpty();
    }

    @Override
    protected Optional<String> secret() {
        return Optional.of(TestS3.secretKey());
    }

    @Override
    protected List<String> expectedInDescription() {
        return List.of("s3://" + bucket, TestS3.endpoint());
    }

    @Test
    void partsAreSentWhileTheUploadIsWritten() {
        BlobUpload upload = store.create(key("backup.tar"));
        upload.write(randomBytes(11 * MIB, 21));

        assertThat(uploadsInProgress(keyPrefix())).extracting(ListMultipartUploadsResult.Upload::objectName)
                .containsExactly(key("backup.tar"));

        upload.close();

        assertThat(uploadsInProgress(keyPrefix())).isEmpty();
        assertThat(store.stat(key("backup.tar"))).map(BlobInfo::size).contains(11L * MIB);
    }

    @Test
    void unreachableEndpointIsReportedWithTheEndpointButNotTheSecret() {
        String secret = "not-for-logs-" + UUID.randomUUID();
        try (S3BlobStore unreachable = new S3BlobStore(new S3Properties(CLOSED_PORT_ENDPOINT, "custos",
                "custos-test", secret, S3Properties.DEFAULT_REGION, TestS3.PART_SIZE, true))) {

            assertThatThrownBy(() -> unreachable.put("reports/a.csv", new ByteArrayInputStream(new byte[10])))
                    .isInstanceOf(BlobStoreException.class)
                    .hasMessageContaining(CLOSED_PORT_ENDPOINT)
                    .hasMessageContaining("reports/a.csv")
                    .satisfies(failure -> assertNoMessageInChainContains(failure, secret));
            assertThatThrownBy(() -> unreachable.open("reports/a.csv"))
                    .isInstanceOf(BlobStoreException.class)
                    .hasMessageContaining(CLOSED_PORT_ENDPOINT)
                    .satisfies(failure -> assertNoMessageInChainContains(failure, secret));
            assertThat(unreachable.describe()).isEqualTo("s3://custos at " + CLOSED_PORT_ENDPOINT);
        }
    }

    @Test
    void wrongSecretIsReportedAsACredentialProblem() {
        String wrongSecret = "wrong-" + UUID.randomUUID();
        try (S3BlobStore refused = new S3BlobStore(new S3Properties(TestS3.endpoint(), bucket, TestS3.accessKey(),
                wrongSecret, S3Properties.DEFAULT_REGION, TestS3.PART_SIZE, true))) {

            assertThatThrownBy(() -> refused.put(key("a.csv"), new ByteArrayInputStream(new byte[10])))
                    .isInstanceOf(BlobStoreException.class)
                    .hasMessageContaining("credentials")
                    .hasMessageContaining("custos.s3.secret-key")
                    .hasMessageContaining(TestS3.endpoint())
                    .satisfies(failure -> assertNoMessageInChainContains(failure, wrongSecret))
                    .satisfies(failure -> assertNoMessageInChainContains(failure, TestS3.secretKey()));
        }
    }

    @Test
    void missingBucketIsReportedWhenCreatingItIsOff() {
        String missing = TestS3.newBucketName("missing");
        try (S3BlobStore withoutBucket = new S3BlobStore(new S3Properties(TestS3.endpoint(), missing,
                TestS3.accessKey(), TestS3.secretKey(), S3Properties.DEFAULT_REGION, TestS3.PART_SIZE, false))) {

            assertThatThrownBy(() -> withoutBucket.stat("a.csv"))
                    .isInstanceOf(BlobStoreException.class)
                    .hasMessageContaining("bucket '" + missing + "' does not exist")
                    .hasMessageContaining("custos.s3.create-bucket");
        }
        assertThat(inspector.bucketExists(BucketExistsArgs.builder().bucket(missing).build()).join()).isFalse();
    }

    @Test
    void partSizeBelowTheS3MinimumIsRejected() {
        S3Properties tooSmall = new S3Properties(CLOSED_PORT_ENDPOINT, "custos", "custos-test", "secret",
                S3Properties.DEFAULT_REGION, DataSize.ofMegabytes(4), true);

        assertThatThrownBy(() -> new S3BlobStore(tooSmall))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("custos.s3.part-size");
    }

    private static List<ListMultipartUploadsResult.Upload> uploadsInProgress(String prefix) {
        List<ListMultipartUploadsResult.Upload> uploads = inspector.listMultipartUploads(
                ListMultipartUploadsArgs.builder().bucket(bucket).prefix(prefix).build()).join().result().uploads();
        return uploads == null ? List.of() : uploads;
    }

    private static void assertNoMessageInChainContains(Throwable failure, String secret) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
            assertThat(t.toString()).doesNotContain(secret);
        }
    }
}
