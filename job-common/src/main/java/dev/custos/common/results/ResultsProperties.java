package dev.custos.common.results;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code custos.results.*}: where the results schema lives, and whether start-up migrates it
 * (read-only commands skip the migration check to start faster).
 */
@ConfigurationProperties("custos.results")
public record ResultsProperties(@DefaultValue("custos_results") String schema, @DefaultValue("true") boolean migrate) {
}
