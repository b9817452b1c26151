package dev.custos.scheduler.quartz;

import org.quartz.Scheduler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

import dev.custos.common.job.CustosProperties;
import dev.custos.scheduler.launch.ControlCatalog;

/**
 * Schedules, for the commands that need the Quartz store ({@code serve}, {@code schedules},
 * {@code pause}, {@code resume}, {@code reschedule}); the others leave Quartz out and start faster.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "custos.quartz.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(SchedulingProperties.class)
@PropertySource("classpath:custos-quartz-defaults.properties")
public class QuartzConfig {

    @Bean
    ScheduleService scheduleService(Scheduler scheduler, ControlCatalog catalog, SchedulingProperties properties,
                                    CustosProperties custos) {
        return new ScheduleService(scheduler, catalog, properties, custos.zone());
    }
}
