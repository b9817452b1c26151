package dev.custos.scheduler.alerts;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.custos.common.results.ResultsSchema;
import dev.custos.scheduler.monitoring.ControlDeadlines;

/**
 * Alerts, for {@code custos serve} only: every {@code custos.alerts.interval} the incidents are evaluated
 * and the due messages sent. Each serve node evaluates; the tables keep one incident and one delivered
 * message per change (an insert or update only one node wins, a delivery claimed before it is sent).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties(AlertsProperties.class)
class AlertsConfig {

    @Bean
    AlertEvaluator alertEvaluator(JdbcTemplate jdbc, ResultsSchema schema, ControlDeadlines deadlines,
                                  AlertsProperties properties, Clock clock) {
        return new AlertEvaluator(new AlertReadings(jdbc, schema), deadlines::judgeAll, new AlertStore(jdbc, schema),
                properties.webhook(), clock);
    }

    @Bean
    SmartLifecycle alertSchedule(AlertEvaluator evaluator, AlertsProperties properties) {
        return new AlertSchedule(evaluator, properties);
    }

    private static final class AlertSchedule implements SmartLifecycle {

        private static final Logger log = LoggerFactory.getLogger(AlertSchedule.class);

        private final AlertEvaluator evaluator;
        private final AlertsProperties properties;
        private ScheduledExecutorService executor;

        AlertSchedule(AlertEvaluator evaluator, AlertsProperties properties) {
            this.evaluator = evaluator;
            this.properties = properties;
        }

        private void evaluateLogged() {
            try {
                evaluator.evaluate();
            } catch (RuntimeException e) {
                log.warn("Alerts not evaluated: {}", e.getClass().getSimpleName());
            }
        }

        @Override
        public void start() {
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "custos-alerts");
                thread.setDaemon(true);
                return thread;
            });
            executor.scheduleWithFixedDelay(this::evaluateLogged, properties.interval().toMillis(),
                    properties.interval().toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void stop() {
            executor.shutdownNow();
            executor = null;
        }

        @Override
        public boolean isRunning() {
            return executor != null;
        }
    }
}
