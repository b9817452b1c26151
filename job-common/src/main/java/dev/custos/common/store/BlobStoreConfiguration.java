package dev.custos.common.store;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Provides the one {@link BlobStore} of the application: the S3 bucket when
 * {@code custos.s3.endpoint} is set, otherwise the local directory {@code custos.store.dir}.
 *
 * <p>Creating the bean checks the settings but makes no network call, so commands that never
 * touch the store start even when S3 is unreachable, and the bean may be injected {@code @Lazy}.
 * The S3 store reaches the server on its first operation, which also checks the bucket and
 * creates it when missing and {@code custos.s3.create-bucket} allows.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({S3Properties.class, StoreProperties.class})
public class BlobStoreConfiguration {

    @Bean
    public BlobStore blobStore(S3Properties s3, StoreProperties store) {
        return s3.hasEndpoint() ? new S3BlobStore(s3) : new LocalDirBlobStore(store.dir());
    }
}
