package dev.custos.scheduler.monitoring;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code custos.monitoring.*}: how often the figures exported to Prometheus are read from the results schema. */
@ConfigurationProperties("custos.monitoring")
record MonitoringProperties(@DefaultValue("PT30S") Duration refresh) {
}
