package dev.custos.common.test;

import dev.custos.common.store.S3Properties;
import java.util.Locale;
import java.util.UUID;
import org.springframework.util.unit.DataSize;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MinIOContainer;

/**
 * How tests reach an S3-compatible server, decided once per JVM:
 * <ol>
 *   <li>the server named by {@code CUSTOS_TEST_S3_ENDPOINT}, {@code CUSTOS_TEST_S3_ACCESS_KEY} and
 *       {@code CUSTOS_TEST_S3_SECRET_KEY} ({@code ops/s3proxy start} writes them to
 *       {@code ops/.run/s3proxy.env}; {@code ops/test} starts s3proxy and sets them);</li>
 *   <li>otherwise, where Docker is available, a MinIO container started for the whole JVM;</li>
 *   <li>otherwise no server: every method throws, saying how to run the tests. Tests needing S3
 *       fail rather than skip, so a green build always means they ran.</li>
 * </ol>
 * Tests isolate themselves by using a bucket of their own, see {@link #newBucketName(String)}.
 */
public final class TestS3 {

    private static final String MINIO_IMAGE = "minio/minio:RELEASE.2023-09-04T19-57-37Z";
    /** The smallest part S3 allows, so that tests exercise multipart uploads with little data. */
    public static final DataSize PART_SIZE = DataSize.ofMegabytes(5);

    private static Server server;
    private static RuntimeException unavailable;

    private TestS3() {
    }

    public static String endpoint() {
        return server().endpoint();
    }

    public static String accessKey() {
        return server().accessKey();
    }

    public static String secretKey() {
        return server().secretKey();
    }

    /**
     * A bucket name no other test uses: {@code prefix} reduced to what bucket names allow, then a
     * random suffix. The bucket itself is not created.
     */
    public static String newBucketName(String prefix) {
        String base = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        if (base.length() > 40) {
            base = base.substring(0, 40);
        }
        String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return (base.isEmpty() ? "test" : base) + "-" + unique;
    }

    /**
     * Settings for a store in {@code bucket} on the test server: created when missing, with the
     * smallest part size S3 allows ({@link #PART_SIZE}).
     */
    public static S3Properties properties(String bucket) {
        return new S3Properties(endpoint(), bucket, accessKey(), secretKey(), S3Properties.DEFAULT_REGION,
                PART_SIZE, true);
    }

    /** Locates the server on first use; a failure is remembered and reported to every caller. */
    private static synchronized Server server() {
        if (server == null && unavailable == null) {
            try {
                server = Server.locate();
            } catch (RuntimeException e) {
                unavailable = e;
            }
        }
        if (unavailable != null) {
            throw new IllegalStateException(unavailable.getMessage(), unavailable);
        }
        return server;
    }

    private record Server(String endpoint, String accessKey, String secretKey) {

        static Server locate() {
            String endpoint = System.getenv("CUSTOS_TEST_S3_ENDPOINT");
            String accessKey = System.getenv("CUSTOS_TEST_S3_ACCESS_KEY");
            String secretKey = System.getenv("CUSTOS_TEST_S3_SECRET_KEY");
            if (isSet(endpoint) || isSet(accessKey) || isSet(secretKey)) {
                if (!isSet(endpoint) || !isSet(accessKey) || !isSet(secretKey)) {
                    throw new IllegalStateException("set all of CUSTOS_TEST_S3_ENDPOINT, CUSTOS_TEST_S3_ACCESS_KEY"
                            + " and CUSTOS_TEST_S3_SECRET_KEY, or none of them");
                }
                return new Server(endpoint, accessKey, secretKey);
            }
            if (DockerClientFactory.instance().isDockerAvailable()) {
                return startMinio();
            }
            throw new IllegalStateException("no S3 server for the tests: CUSTOS_TEST_S3_ENDPOINT is not set and"
                    + " Docker is not available. Run the tests through ops/test, which starts s3proxy, or run"
                    + " ops/s3proxy start and source ops/.run/s3proxy.env first");
        }

        /** Started once and left to Testcontainers to remove when the JVM exits. */
        @SuppressWarnings("resource")
        private static Server startMinio() {
            MinIOContainer minio = new MinIOContainer(MINIO_IMAGE);
            minio.start();
            return new Server(minio.getS3URL(), minio.getUserName(), minio.getPassword());
        }

        private static boolean isSet(String value) {
            return value != null && !value.isBlank();
        }

        @Override
        public String toString() {
            return "TestS3.Server[" + endpoint + "]";
        }
    }
}
