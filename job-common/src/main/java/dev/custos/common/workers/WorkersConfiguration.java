package dev.custos.common.workers;

import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.config.annotation.EnableBatchIntegration;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilderFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Pollers;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.Message;

import dev.custos.common.results.CodeVersion;
import dev.custos.common.results.ResultsSchema;

/**
 * Where partitions run ({@link Partitioning}): on threads of one process unless
 * {@code custos.workers.enabled}; then on worker nodes over RabbitMQ, and a process started as a
 * worker ({@link #TAKE_PARTITIONS}, set by {@code custos worker}) takes requests from the queue.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WorkersProperties.class)
public class WorkersConfiguration {

    static final String ENABLED = "custos.workers.enabled";
    /** Set by {@code custos worker} alone: this process takes partition requests from the queue. */
    public static final String TAKE_PARTITIONS = "custos.workers.take-partitions";

    @Bean
    @ConditionalOnProperty(name = ENABLED, havingValue = "false", matchIfMissing = true)
    Partitioning localPartitioning(JobRepository jobRepository) {
        return new LocalPartitioning(jobRepository);
    }

    /** Spring Batch's remote partitioning over RabbitMQ (Spring Integration AMQP). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = ENABLED, havingValue = "true")
    @EnableBatchIntegration
    static class Remote {

        @Bean
        RepositoryIdentity repositoryIdentity(JdbcTemplate jdbc, ResultsSchema schema) {
            return new RepositoryIdentity(jdbc, schema);
        }

        @Bean
        WorkerSettings workerSettings(ObjectProvider<PartitionSettings> settings) {
            return WorkerSettings.of(CodeVersion.current(), settings.orderedStream().toList());
        }

        @Bean
        Queue partitionQueue(WorkersProperties properties) {
            return new Queue(properties.queue(), true);
        }

        @Bean
        DirectChannel partitionRequests() {
            return new DirectChannel();
        }

        @Bean
        DirectChannel workerRequests() {
            return new DirectChannel();
        }

        @Bean
        DirectChannel workerOutcomes() {
            return new DirectChannel();
        }

        @Bean
        Partitioning remotePartitioning(RemotePartitioningManagerStepBuilderFactory managers, BeanFactory beanFactory,
                                        JobRepository jobRepository,
                                        WorkersProperties properties, DirectChannel partitionRequests,
                                        DirectChannel workerRequests, DirectChannel workerOutcomes) {
            return new RemotePartitioning(managers, beanFactory, partitionRequests, workerRequests, workerOutcomes,
                    jobRepository, properties);
        }

        /** Manager side: each request, with this node's repository id, onto the queue. */
        @Bean
        IntegrationFlow partitionRequestsToBroker(DirectChannel partitionRequests, RabbitTemplate rabbitTemplate,
                                                  RepositoryIdentity identity, WorkerSettings settings,
                                                  WorkersProperties properties) {
            return IntegrationFlow.from(partitionRequests)
                    .transform(Message.class,
                            request -> PartitionRequests.onTheWire(request, identity.id(), settings))
                    .handle(Amqp.outboundAdapter(rabbitTemplate).routingKey(properties.queue()))
                    .get();
        }

        @Bean
        IntegrationFlow workerOutcomesRecorded(DirectChannel workerOutcomes, ObjectProvider<WorkerNode> node) {
            WorkerOutcomes outcomes = new WorkerOutcomes();
            return IntegrationFlow.from(workerOutcomes)
                    .handle(message -> {
                        String line = outcomes.record((StepExecution) message.getPayload());
                        node.ifAvailable(worker -> worker.finished(line));
                    })
                    .get();
        }
    }

    /** A worker node: requests taken from the queue one at a time, when idle. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = {ENABLED, TAKE_PARTITIONS}, havingValue = "true")
    static class Worker {

        @Bean
        WorkerNode workerNode(RepositoryIdentity identity, WorkerSettings settings, JobRepository jobRepository,
                              DirectChannel workerRequests) {
            return new WorkerNode(identity, settings, jobRepository, workerRequests);
        }

        @Bean
        IntegrationFlow partitionRequestsFromBroker(ConnectionFactory connectionFactory, WorkerNode node,
                                                    WorkersProperties properties) {
            return IntegrationFlow.from(Amqp.inboundPolledAdapter(connectionFactory, properties.queue()),
                            adapter -> adapter.poller(Pollers.fixedDelay(properties.receiveInterval())))
                    .handle(node::take)
                    .get();
        }
    }
}
