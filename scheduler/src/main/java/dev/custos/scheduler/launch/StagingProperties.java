package dev.custos.scheduler.launch;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code custos.staging.*}: how long a failed run that nobody restarts keeps its staged inputs
 * (names and e-mails among them) before {@code custos serve} abandons it and deletes them.
 */
@ConfigurationProperties("custos.staging")
public record StagingProperties(@DefaultValue("P14D") Duration keepFailed) {

    public StagingProperties {
        if (keepFailed.isNegative()) {
            throw new IllegalArgumentException("custos.staging.keep-failed must not be negative, found " + keepFailed);
        }
    }
}
