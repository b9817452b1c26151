package dev.custos.common.store;

import io.minio.AbortMultipartUploadArgs;
import io.minio.ListMultipartUploadsArgs;
import io.minio.messages.ListMultipartUploadsResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * Multipart uploads begun in an S3 store and neither completed nor aborted. An upload aborts
 * itself when it fails, but not when the store is unreachable at that moment (or the process
 * dies): its parts then stay in the bucket, invisible to {@link BlobStore#list} and still billed,
 * until someone aborts it. This finds and aborts them. Other stores have none: a local directory
 * leaves at most a hidden temporary file, which it skips.
 */
public final class PendingUploads {

    private PendingUploads() {
    }

    /** An upload of {@code key} begun at {@code initiated}. */
    public record Upload(String key, String uploadId, Instant initiated) {
    }

    /**
     * The pending uploads of keys starting with {@code prefix}, in key order; empty for a store that
     * is not S3 and for a bucket that does not exist yet.
     */
    public static List<Upload> list(BlobStore store, String prefix) {
        BlobKeys.requireValidPrefix(prefix);
        if (!(store instanceof S3BlobStore s3)) {
            return List.of();
        }
        List<Upload> uploads = new ArrayList<>();
        String keyMarker = null;
        String uploadIdMarker = null;
        while (true) {
            ListMultipartUploadsArgs.Builder args =
                    ListMultipartUploadsArgs.builder().bucket(s3.bucket()).prefix(prefix);
            if (keyMarker != null) {
                args.keyMarker(keyMarker).uploadIdMarker(uploadIdMarker);
            }
            ListMultipartUploadsResult page;
            try {
                page = s3.client().listMultipartUploads(args.build()).join().result();
            } catch (CompletionException e) {
                if (S3Failures.hasErrorCode(e, "NoSuchBucket")) {
                    return List.of(); // created by the first upload
                }
                throw s3.failure("list the multipart uploads of '" + prefix + "'", e);
            }
            List<ListMultipartUploadsResult.Upload> found = page.uploads() == null ? List.of() : page.uploads();
            for (ListMultipartUploadsResult.Upload upload : found) {
                uploads.add(new Upload(upload.objectName(), upload.uploadId(),
                        upload.initiated() == null ? Instant.EPOCH : upload.initiated().toInstant()));
            }
            if (!page.isTruncated()) {
                return uploads;
            }
            keyMarker = page.nextKeyMarker();
            uploadIdMarker = page.nextUploadIdMarker();
        }
    }

    /**
     * Aborts {@code upload}: its parts are removed and it never becomes an object. An upload the
     * store no longer knows (aborted meanwhile, e.g. by the failed run's own late abort) is what
     * aborting wants, not a failure.
     */
    public static void abort(BlobStore store, Upload upload) {
        if (store instanceof S3BlobStore s3) {
            try {
                s3.client().abortMultipartUpload(AbortMultipartUploadArgs.builder()
                        .bucket(s3.bucket()).object(upload.key()).uploadId(upload.uploadId()).build()).join();
            } catch (CompletionException e) {
                if (!S3Failures.hasErrorCode(e, "NoSuchUpload")) {
                    throw s3.failure("abort multipart upload " + upload.uploadId() + " of '" + upload.key() + "'", e);
                }
            }
        }
    }
}
