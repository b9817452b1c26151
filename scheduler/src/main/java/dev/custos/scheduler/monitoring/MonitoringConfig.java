package dev.custos.scheduler.monitoring;

import io.micrometer.core.instrument.MeterRegistry;
import org.quartz.Scheduler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.custos.common.job.Control;
import dev.custos.common.store.BlobStore;
import dev.custos.scheduler.launch.ControlCatalog;
import dev.custos.scheduler.quartz.ScheduleService;

/**
 * Health and Custos's gauges, for {@code custos serve} only (the one command with a web server):
 * Actuator serves them at {@code /actuator/health} and {@code /actuator/prometheus}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties(MonitoringProperties.class)
class MonitoringConfig {

    @Bean
    HealthIndicator blobStoreHealthIndicator(BlobStore store) {
        return MonitoringHealth.blobStore(store);
    }

    @Bean
    HealthIndicator schedulerHealthIndicator(Scheduler scheduler, ScheduleService schedules) {
        return MonitoringHealth.scheduler(scheduler, schedules);
    }

    @Bean
    HealthContributor controlsHealthContributor(ControlDeadlines deadlines, ControlCatalog catalog) {
        return MonitoringHealth.controls(deadlines, catalog.controls().stream().map(Control::jobName).toList());
    }

    @Bean
    ResultsGauges resultsGauges(ResultsReadings readings, ControlDeadlines deadlines, MonitoringProperties properties,
                                MeterRegistry registry) {
        return new ResultsGauges(readings, deadlines, properties, registry);
    }
}
