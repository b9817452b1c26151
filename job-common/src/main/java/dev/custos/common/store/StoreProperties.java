package dev.custos.common.store;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the local-directory blob store ({@code custos.store.*}), used when no S3 endpoint
 * is configured.
 *
 * @param dir directory holding the objects (default {@code custos-store}, relative to the working
 *            directory); created on the first write
 */
@ConfigurationProperties(prefix = "custos.store")
public record StoreProperties(@DefaultValue("custos-store") Path dir) {
}
