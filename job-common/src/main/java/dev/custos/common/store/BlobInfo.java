package dev.custos.common.store;

import java.time.Instant;

/**
 * What the store knows about one object.
 *
 * @param key          the object's key, a {@code /}-separated relative path
 * @param size         its length in bytes
 * @param lastModified when it was last written (committed)
 */
public record BlobInfo(String key, long size, Instant lastModified) {
}
