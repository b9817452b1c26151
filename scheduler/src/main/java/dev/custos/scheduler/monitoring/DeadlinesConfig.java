package dev.custos.scheduler.monitoring;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.custos.common.job.CustosProperties;
import dev.custos.common.results.ResultsSchema;
import dev.custos.scheduler.launch.ControlCatalog;
import dev.custos.scheduler.quartz.ScheduleService;

/**
 * The controls' deadlines, wherever schedules are ({@code custos serve}'s health, metrics and alerts, and
 * {@code custos schedules}, which shows the deadline of each next fire).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "custos.quartz.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(DeadlineProperties.class)
class DeadlinesConfig {

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
}
