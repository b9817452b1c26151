package dev.custos.common.workers;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code custos.workers.*}: whether partitioned steps run on worker nodes ({@code custos worker})
 * over a RabbitMQ broker, instead of on threads of the process that runs the job. The broker is
 * Spring Boot's {@code spring.rabbitmq.host|port|username|password|virtual-host} (the password from
 * the environment, {@code SPRING_RABBITMQ_PASSWORD}).
 *
 * @param enabled       partitions go to workers through the broker; off, everything runs in one process
 * @param queue         the queue partition requests travel on (one per installation: every manager and
 *                      worker of one job repository names the same)
 * @param pollInterval  how often a manager reads the job repository for its partitions' outcome
 * @param timeout       how long a manager waits for its partitions before it fails the step (a worker
 *                      that vanished leaves its partition unfinished); never unlimited
 * @param receiveInterval how often an idle worker asks the broker for a partition
 */
@ConfigurationProperties("custos.workers")
public record WorkersProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("custos.partitions") String queue,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("30m") Duration timeout,
        @DefaultValue("500ms") Duration receiveInterval) {

    public WorkersProperties {
        if (queue == null || queue.isBlank()) {
            throw new IllegalArgumentException("custos.workers.queue must name a queue");
        }
        positive("custos.workers.poll-interval", pollInterval);
        positive("custos.workers.timeout", timeout);
        positive("custos.workers.receive-interval", receiveInterval);
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, found " + value);
        }
    }
}
