package dev.custos.scheduler.monitoring;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code custos.deadlines.<job>=<ISO-8601 duration>}: how long after its period's end a control's
 * run must have completed, overriding the control's own default; e.g. {@code P4DT12H} after a
 * month is the 5th at 12:00.
 */
@ConfigurationProperties("custos")
record DeadlineProperties(Map<String, Duration> deadlines) {

    DeadlineProperties {
        deadlines = deadlines == null ? Map.of() : Map.copyOf(deadlines);
    }
}
