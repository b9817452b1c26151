package dev.custos.scheduler.launch;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code custos.launch.*}: how many times a run that lost its database connection is resumed at
 * its last commit before it is left FAILED for an operator (0: never).
 */
@ConfigurationProperties("custos.launch")
public record LaunchProperties(@DefaultValue("1") int connectionRetries) {

    public LaunchProperties {
        if (connectionRetries < 0) {
            throw new IllegalArgumentException("custos.launch.connection-retries must be 0 or more, found "
                    + connectionRetries);
        }
    }
}
