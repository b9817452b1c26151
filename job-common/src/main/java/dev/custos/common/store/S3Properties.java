package dev.custos.common.store;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the S3-compatible blob store ({@code custos.s3.*}, or {@code CUSTOS_S3_*} in the
 * environment). The store is used when {@code endpoint} is set; otherwise the local directory of
 * {@link StoreProperties} is.
 *
 * @param endpoint     URL of the S3 API, e.g. {@code https://s3.eu-central-1.amazonaws.com} or
 *                     {@code http://127.0.0.1:9000}
 * @param bucket       bucket holding every object (default {@code custos})
 * @param accessKey    access key id
 * @param secretKey    secret access key; {@link #toString()} masks it, and the access key
 * @param region       region requests are signed for (default {@code us-east-1})
 * @param partSize     size of each part of a multipart upload, 5MB at least (default 16MB); an
 *                     upload holds at most two parts in memory
 * @param createBucket whether to create the bucket when it is missing (default {@code true})
 */
@ConfigurationProperties(prefix = "custos.s3")
public record S3Properties(
        String endpoint,
        @DefaultValue(S3Properties.DEFAULT_BUCKET) String bucket,
        String accessKey,
        String secretKey,
        @DefaultValue(S3Properties.DEFAULT_REGION) String region,
        @DefaultValue(S3Properties.DEFAULT_PART_SIZE) DataSize partSize,
        @DefaultValue("true") boolean createBucket) {

    public static final String DEFAULT_BUCKET = "custos";
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_PART_SIZE = "16MB";

    /** Whether an endpoint is configured, i.e. whether S3 is the blob store. */
    public boolean hasEndpoint() {
        return endpoint != null && !endpoint.isBlank();
    }

    @Override
    public String toString() {
        return "S3Properties[endpoint=" + endpoint + ", bucket=" + bucket + ", accessKey=" + mask(accessKey)
                + ", secretKey=" + mask(secretKey) + ", region=" + region + ", partSize=" + partSize
                + ", createBucket=" + createBucket + "]";
    }

    private static String mask(String credential) {
        return credential == null || credential.isEmpty() ? "(unset)" : "****";
    }
}
