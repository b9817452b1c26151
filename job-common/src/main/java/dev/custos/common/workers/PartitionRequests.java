package dev.custos.common.workers;

import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * A partition request as it travels on the broker: the worker step's name as the text body, the step
 * execution's id, the manager's job repository id and its {@link WorkerSettings} as headers. Plain text and headers instead of
 * Batch's serialized {@link StepExecutionRequest}: a worker never deserializes a Java object it was sent.
 */
final class PartitionRequests {

    static final String STEP_EXECUTION = "custos_step_execution_id";
    static final String REPOSITORY = "custos_job_repository";
    static final String SETTINGS = "custos_settings";

    private PartitionRequests() {
    }

    static Message<String> onTheWire(Message<?> request, String repositoryId, WorkerSettings settings) {
        StepExecutionRequest step = (StepExecutionRequest) request.getPayload();
        return MessageBuilder.withPayload(step.getStepName())
                .setHeader(STEP_EXECUTION, step.getStepExecutionId())
                .setHeader(REPOSITORY, repositoryId)
                .setHeader(SETTINGS, settings.onTheWire())
                .build();
    }
}
