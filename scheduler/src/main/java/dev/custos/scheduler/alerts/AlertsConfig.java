package dev.custos.scheduler.alerts;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.quartz.Scheduler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;

import dev.custos.common.results.ResultsSchema;
import dev.custos.scheduler.monitoring.ControlDeadlines;

/**
 * Alerts, for {@code custos serve} only: every {@code custos.alerts.interval} a Quartz trigger of its own
 * ({@link AlertsTrigger}) evaluates the incidents and sends the due messages, on one node of the cluster.
 * The tables hold one incident and one message per change even if two nodes ever evaluated at once (an
 * insert or update only one node wins, a delivery claimed before it is sent).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties(AlertsProperties.class)
class AlertsConfig {

    @Bean
    AlertEvaluator alertEvaluator(JdbcTemplate jdbc, ResultsSchema schema, ControlDeadlines deadlines,
                                  AlertsProperties properties, ObjectProvider<JavaMailSender> mailSender,
                                  MeterRegistry registry, Clock clock) {
        return new AlertEvaluator(new AlertReadings(jdbc, schema), deadlines::judgeAll, new AlertStore(jdbc, schema),
                channels(properties, mailSender.getIfAvailable()), registry, clock);
    }

    @Bean
    AlertHistory alertHistory(JdbcTemplate jdbc, ResultsSchema schema) {
        return new AlertHistory(jdbc, schema);
    }

    /** The channels whose address is configured; a channel set up wrongly stops serve at start. */
    static List<AlertChannel> channels(AlertsProperties properties, JavaMailSender mailSender) {
        List<AlertChannel> channels = new ArrayList<>();
        if (properties.webhook().url() != null) {
            channels.add(new WebhookChannel(properties.webhook()));
        }
        if (!properties.mail().to().isEmpty()) {
            channels.add(new MailChannel(properties.mail(), mailSender));
        }
        if (properties.chat().url() != null) {
            channels.add(new ChatChannel(properties.chat()));
        }
        return channels;
    }

    /** Stores the evaluation's own Quartz trigger when serve starts (the clustered store fires it on one node). */
    @Bean
    SmartLifecycle alertsTrigger(Scheduler scheduler, AlertsProperties properties) {
        return new SmartLifecycle() {
            private boolean running;

            @Override
            public void start() {
                AlertsTrigger.store(scheduler, properties.interval());
                running = true;
            }

            @Override
            public void stop() {
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }
}
