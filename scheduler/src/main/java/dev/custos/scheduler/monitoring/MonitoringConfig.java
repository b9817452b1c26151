package dev.custos.scheduler.monitoring;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.quartz.Scheduler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.custos.common.job.Control;
import dev.custos.common.job.CustosProperties;
import dev.custos.common.results.ResultsSchema;
import dev.custos.common.store.BlobStore;
import dev.custos.scheduler.launch.ControlCatalog;
import dev.custos.scheduler.quartz.ScheduleService;

/**
 * Health and Custos's gauges, for {@code custos serve} only (the one command with a web server):
 * Actuator serves them at {@code /actuator/health} and {@code /actuator/prometheus}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties({DeadlineProperties.class, MonitoringProperties.class})
class MonitoringConfig {

    /** The time deadlines are judged against; a test gives its own. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ResultsReadings monitoringReadings(JdbcTemplate jdbc, ResultsSchema schema) {
        return new ResultsReadings(jdbc, schema);
    }

    @Bean
    ControlDeadlines controlDeadlines(ControlCatalog catalog, DeadlineProperties deadlines, ResultsReadings readings,
                                      ScheduleService schedules, CustosProperties custos, Clock clock) {
        return new ControlDeadlines(catalog, deadlines, readings, schedules, custos, clock);
    }

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
