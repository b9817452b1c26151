package dev.custos.common.store;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.MinioException;
import io.minio.messages.Item;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.springframework.util.unit.DataSize;

/**
 * A blob store in an S3-compatible bucket (AWS S3, MinIO, Ceph, s3proxy), through the MinIO client.
 *
 * <p>Construction checks the settings and makes no network call. The first operation checks that
 * the bucket exists and creates it when it is missing and {@code createBucket} allows; a failed
 * check is retried by the next operation.
 *
 * <p>Uploads ({@link #create}, {@link #put(String, InputStream)}) send a single PUT when the
 * object fits in one part, otherwise a multipart upload whose parts are sent while the next one
 * fills, so at most two parts are held in memory. Any failure aborts the multipart upload, so no
 * parts are left in the bucket, and throws {@link BlobStoreException}.
 *
 * <p>Thread-safe; each {@link BlobUpload} is used by one thread at a time.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {

    /** S3's smallest allowed part, except the last one. */
    static final DataSize MIN_PART_SIZE = DataSize.ofMegabytes(5);
    /** Ours, not S3's (5GB): two parts are held in memory, in byte arrays. */
    static final DataSize MAX_PART_SIZE = DataSize.ofGigabytes(1);

    private static final long CONNECT_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(15);
    private static final long TRANSFER_TIMEOUT_MS = TimeUnit.MINUTES.toMillis(5);

    private final MinioAsyncClient client;
    private final String bucket;
    private final String endpoint;
    private final int partSize;
    private final boolean createBucket;
    private final S3Failures failures;
    private volatile boolean bucketChecked;

    public S3BlobStore(S3Properties properties) {
        this(properties, System.getenv());
    }

    /** {@code environment} supplies {@code SSL_CERT_FILE} and {@code SSL_CERT_DIR}, see {@link TrustedCertificates}. */
    S3BlobStore(S3Properties properties, Map<String, String> environment) {
        if (!properties.hasEndpoint()) {
            throw new IllegalArgumentException("custos.s3.endpoint is not set");
        }
        this.endpoint = withoutUserInfo(properties.endpoint().strip());
        this.bucket = requireSet(properties.bucket(), "custos.s3.bucket");
        requireSet(properties.accessKey(), "custos.s3.access-key");
        requireSet(properties.secretKey(), "custos.s3.secret-key");
        requireValidBucketName(bucket);
        this.partSize = requireValidPartSize(properties.partSize());
        this.createBucket = properties.createBucket();
        Optional<TrustedCertificates> trusted = usesTls(endpoint) ? TrustedCertificates.from(environment)
                : Optional.empty();
        this.failures = new S3Failures(endpoint, bucket, properties.secretKey(),
                trusted.map(TrustedCertificates::describe).orElse("the JDK's trust store (SSL_CERT_FILE and "
                        + "SSL_CERT_DIR unset)"));
        this.client = newClient(properties, httpClient(trusted));
    }

    /**
     * The MinIO client's default HTTP client, built here so that the certificates of
     * {@code SSL_CERT_FILE}/{@code SSL_CERT_DIR} are read by {@link TrustedCertificates} (and only
     * for an HTTPS endpoint) instead of by the MinIO client, whose own reading cost about a second of CPU.
     */
    private static OkHttpClient httpClient(Optional<TrustedCertificates> trusted) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .protocols(List.of(Protocol.HTTP_1_1))
                .connectTimeout(CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .writeTimeout(TRANSFER_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .readTimeout(TRANSFER_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        if (trusted.isPresent()) {
            X509TrustManager trustManager = trusted.get().trustManager();
            try {
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(null, new TrustManager[] {trustManager}, null);
                builder.sslSocketFactory(tls.getSocketFactory(), trustManager);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot set up TLS for S3 with " + trusted.get().describe() + ": "
                        + e, e);
            }
        }
        return builder.build();
    }

    private static MinioAsyncClient newClient(S3Properties properties, OkHttpClient httpClient) {
        try {
            return MinioAsyncClient.builder()
                    .endpoint(properties.endpoint().strip())
                    .region(properties.region())
                    .credentials(properties.accessKey(), properties.secretKey())
                    .httpClient(httpClient, true)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("custos.s3.endpoint '" + withoutUserInfo(properties.endpoint())
                    + "' or custos.s3.region '" + properties.region() + "' is not valid: " + e.getMessage(), e);
        }
    }

    @Override
    public BlobUpload create(String key) {
        BlobKeys.requireValidKey(key);
        ensureBucket("upload '" + key + "'");
        return new S3BlobUpload(this, key, partSize);
    }

    @Override
    public InputStream open(String key) {
        BlobKeys.requireValidKey(key);
        String action = "read '" + key + "'";
        ensureBucket(action);
        try {
            return client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()).join();
        } catch (CompletionException e) {
            if (S3Failures.hasErrorCode(e, "NoSuchKey")) {
                throw new BlobNotFoundException("no object '" + key + "' in " + describe());
            }
            throw failure(action, e);
        }
    }

    @Override
    public Optional<BlobInfo> stat(String key) {
        BlobKeys.requireValidKey(key);
        String action = "stat '" + key + "'";
        ensureBucket(action);
        try {
            StatObjectArgs args = StatObjectArgs.builder().bucket(bucket).object(key).build();
            StatObjectResponse stat = client.statObject(args).join();
            return Optional.of(new BlobInfo(key, stat.size(), stat.lastModified().toInstant()));
        } catch (CompletionException e) {
            if (S3Failures.hasErrorCode(e, "NoSuchKey")) {
                return Optional.empty();
            }
            throw failure(action, e);
        }
    }

    @Override
    public List<BlobInfo> list(String prefix) {
        BlobKeys.requireValidPrefix(prefix);
        String action = "list '" + prefix + "'";
        ensureBucket(action);
        Iterable<Result<Item>> items = client.listObjects(
                ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build());
        List<BlobInfo> found = new ArrayList<>();
        try {
            for (Result<Item> result : items) {
                Item item = result.get();
                if (!item.isDir()) {
                    found.add(new BlobInfo(item.objectName(), item.size(), item.lastModified().toInstant()));
                }
            }
        } catch (MinioException | RuntimeException e) {
            throw failure(action, e);
        }
        found.sort(Comparator.comparing(BlobInfo::key));
        return found;
    }

    @Override
    public void delete(String key) {
        BlobKeys.requireValidKey(key);
        String action = "delete '" + key + "'";
        ensureBucket(action);
        await(action, client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build()));
    }

    @Override
    public String describe() {
        return "s3://" + bucket + " at " + endpoint;
    }

    /** Releases the client's connections and threads. */
    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            throw new BlobStoreException("cannot close the S3 client of " + describe() + ": " + e, e);
        }
    }

    MinioAsyncClient client() {
        return client;
    }

    String bucket() {
        return bucket;
    }

    /** The exception to throw for {@code failure} while trying to {@code action} (e.g. {@code read 'a.csv'}). */
    BlobStoreException failure(String action, Throwable failure) {
        return failures.translate(action + " in bucket '" + bucket + "'", failure);
    }

    /** Waits for {@code call}, turning its failure into a {@link BlobStoreException} about {@code action}. */
    <T> T await(String action, CompletableFuture<T> call) {
        try {
            return call.join();
        } catch (CompletionException e) {
            throw failure(action, e);
        }
    }

    /**
     * Checks, once, that the bucket exists, creating it if allowed; {@code action} (e.g.
     * {@code read 'a.csv'}) is what needs it.
     */
    private void ensureBucket(String action) {
        if (bucketChecked) {
            return;
        }
        synchronized (this) {
            if (bucketChecked) {
                return;
            }
            boolean exists;
            try {
                exists = client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()).join();
            } catch (CompletionException e) {
                throw failures.translate("check bucket '" + bucket + "' (needed to " + action + ")", e);
            }
            if (!exists) {
                if (!createBucket) {
                    throw new BlobStoreException("bucket '" + bucket + "' does not exist at " + endpoint
                            + " (needed to " + action + "); create it, or set custos.s3.create-bucket=true");
                }
                makeBucket(action);
            }
            bucketChecked = true;
        }
    }

    private void makeBucket(String action) {
        try {
            client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build()).join();
        } catch (CompletionException e) {
            if (!S3Failures.hasErrorCode(e, "BucketAlreadyOwnedByYou")) { // another node was quicker
                throw failures.translate("create bucket '" + bucket + "' (needed to " + action + ")", e);
            }
        }
    }

    private static String requireSet(String value, String property) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(property + " must be set when custos.s3.endpoint is");
        }
        return value;
    }

    private static void requireValidBucketName(String bucket) {
        try {
            BucketExistsArgs.builder().bucket(bucket).build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("custos.s3.bucket '" + bucket + "' is not a valid bucket name: "
                    + e.getMessage(), e);
        }
    }

    private static int requireValidPartSize(DataSize partSize) {
        if (partSize == null || partSize.compareTo(MIN_PART_SIZE) < 0 || partSize.compareTo(MAX_PART_SIZE) > 0) {
            throw new IllegalArgumentException("custos.s3.part-size must be between " + MIN_PART_SIZE.toMegabytes()
                    + "MB and " + MAX_PART_SIZE.toGigabytes() + "GB, not " + partSize);
        }
        return Math.toIntExact(partSize.toBytes());
    }

    /** Whether the MinIO client reaches {@code endpoint} over TLS: all but {@code http://} (a bare host is HTTPS). */
    private static boolean usesTls(String endpoint) {
        return !endpoint.regionMatches(true, 0, "http://", 0, "http://".length());
    }

    /** The endpoint as shown in messages: without any {@code user:password@} part. */
    private static String withoutUserInfo(String endpoint) {
        return endpoint.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@", "$1");
    }
}
