package dev.custos.common.store;

import io.minio.AbortMultipartUploadArgs;
import io.minio.CompleteMultipartUploadArgs;
import io.minio.CreateMultipartUploadArgs;
import io.minio.PutObjectAPIArgs;
import io.minio.UploadPartArgs;
import io.minio.UploadPartResponse;
import io.minio.messages.Part;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * An upload to S3 that streams: bytes fill a part buffer; when it is full and more bytes come,
 * the part is sent in the background while the next one fills. Sending waits for the previous
 * part first, so at most two part buffers exist (they are reused), whatever the object's size.
 *
 * <p>An object that fits in one part is sent with a single PUT at commit; a larger one becomes a
 * multipart upload, started when the first part is full, completed at commit and aborted on any
 * failure or on {@link #abort()}.
 */
final class S3BlobUpload extends BlobUpload {

    /** S3 allows at most this many parts in one upload. */
    private static final int MAX_PARTS = 10_000;
    /** Small objects (most reports) never need a whole part's buffer. */
    private static final int INITIAL_BUFFER_SIZE = 64 * 1024;

    private final S3BlobStore store;
    private final int partSize;
    private final String action;
    private final List<Part> sentParts = new ArrayList<>();
    private byte[] buffer;
    private int filled;
    /** The buffer of the part on the wire; it becomes the next buffer once that part is sent. */
    private byte[] sendingBuffer;
    private String uploadId;
    private int partsStarted;
    private CompletableFuture<UploadPartResponse> partOnTheWire;

    S3BlobUpload(S3BlobStore store, String key, int partSize) {
        super(key);
        this.store = store;
        this.partSize = partSize;
        this.action = "upload '" + key + "'";
        this.buffer = new byte[Math.min(partSize, INITIAL_BUFFER_SIZE)];
    }

    @Override
    public void write(int b) {
        ensureOpen();
        try {
            makeRoom(1);
            buffer[filled++] = (byte) b;
        } catch (RuntimeException e) {
            throw abortAfter(store.failure(action, e));
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        ensureOpen();
        try {
            while (length > 0) {
                makeRoom(length);
                int copied = Math.min(length, buffer.length - filled);
                System.arraycopy(bytes, offset, buffer, filled, copied);
                filled += copied;
                offset += copied;
                length -= copied;
            }
        } catch (RuntimeException e) {
            throw abortAfter(store.failure(action, e));
        }
    }

    /** Ensures the buffer has room for at least one of {@code wanted} more bytes. */
    private void makeRoom(int wanted) {
        if (filled < buffer.length) {
            return;
        }
        if (filled < partSize) {
            byte[] grown = new byte[(int) Math.min(partSize, Math.max(2L * buffer.length, (long) filled + wanted))];
            System.arraycopy(buffer, 0, grown, 0, filled);
            buffer = grown;
            return;
        }
        sendBufferAsPart();
        if (buffer == null) {
            buffer = new byte[partSize];
        }
    }

    /**
     * Waits for the previous part, then sends the buffer as the next part; the previous part's
     * buffer, if any, becomes the buffer to fill.
     */
    private void sendBufferAsPart() {
        if (uploadId == null) {
            uploadId = startMultipartUpload();
        }
        awaitPartOnTheWire();
        if (partsStarted == MAX_PARTS) {
            throw new BlobStoreException("cannot " + action + " to " + store.describe() + ": it is larger than "
                    + MAX_PARTS + " parts of " + partSize + " bytes, S3's limit; raise custos.s3.part-size");
        }
        partsStarted++;
        partOnTheWire = store.client().uploadPart(UploadPartArgs.builder()
                .bucket(store.bucket()).object(key())
                .uploadId(uploadId).partNumber(partsStarted)
                .data(buffer, filled)
                .build());
        byte[] free = sendingBuffer;
        sendingBuffer = buffer;
        buffer = free;
        filled = 0;
    }

    private String startMultipartUpload() {
        CreateMultipartUploadArgs start = CreateMultipartUploadArgs.builder()
                .bucket(store.bucket()).object(key())
                .build();
        return store.await("start a multipart " + action, store.client().createMultipartUpload(start))
                .result().uploadId();
    }

    private void awaitPartOnTheWire() {
        if (partOnTheWire != null) {
            UploadPartResponse sent = store.await("send part " + partsStarted + " of the " + action, partOnTheWire);
            partOnTheWire = null;
            sentParts.add(sent.part());
        }
    }

    @Override
    protected void commit() {
        if (uploadId == null) {
            PutObjectAPIArgs put = PutObjectAPIArgs.builder()
                    .bucket(store.bucket()).object(key())
                    .data(buffer, filled)
                    .build();
            store.await(action, store.client().putObject(put));
        } else {
            sendBufferAsPart();
            awaitPartOnTheWire();
            CompleteMultipartUploadArgs complete = CompleteMultipartUploadArgs.builder()
                    .bucket(store.bucket()).object(key())
                    .uploadId(uploadId).parts(sentParts.toArray(Part[]::new))
                    .build();
            store.await("complete the multipart " + action, store.client().completeMultipartUpload(complete));
        }
        buffer = null;
        sendingBuffer = null;
    }

    /**
     * Aborts the multipart upload, if one was started, after the part on the wire has finished
     * either way, so that no part reaches the bucket after the abort.
     */
    @Override
    protected void discard() {
        buffer = null;
        sendingBuffer = null;
        if (uploadId == null) {
            return;
        }
        if (partOnTheWire != null) {
            partOnTheWire.handle((sent, failure) -> null).join();
            partOnTheWire = null;
        }
        AbortMultipartUploadArgs abort = AbortMultipartUploadArgs.builder()
                .bucket(store.bucket()).object(key()).uploadId(uploadId)
                .build();
        store.await("abort multipart upload " + uploadId + " of '" + key() + "'",
                store.client().abortMultipartUpload(abort));
    }
}
