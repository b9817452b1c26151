package dev.custos.common.results;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code custos.results.*}: where the results schema lives. */
@ConfigurationProperties("custos.results")
public record ResultsProperties(@DefaultValue("custos_results") String schema) {
}
