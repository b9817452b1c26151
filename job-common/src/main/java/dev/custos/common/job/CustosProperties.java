package dev.custos.common.job;

import java.nio.file.Path;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code custos.*}: where scheduled runs read their inputs and write their files, the zone
 * periods and schedules are computed in, and the chunk size of item-oriented steps.
 */
@ConfigurationProperties("custos")
public record CustosProperties(
        @DefaultValue("custos-in") Path inbox,
        @DefaultValue("custos-out") Path outbox,
        @DefaultValue("UTC") ZoneId zone,
        @DefaultValue("1000") int chunkSize,
        @DefaultValue("15") long heartbeatSeconds) {
}
