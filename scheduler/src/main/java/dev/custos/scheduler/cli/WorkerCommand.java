package dev.custos.scheduler.cli;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.context.event.ContextClosedEvent;

import picocli.CommandLine.Command;

import dev.custos.common.workers.WorkerNode;
import dev.custos.common.workers.WorkersProperties;

@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Run a worker node: take partitions of partitioned steps (permission-reconciliation's grant "
                + "import and review) from the broker (custos.workers.enabled, spring.rabbitmq.*) and run them "
                + "against the job repository of this configuration, until stopped; Ctrl-C stops.")
final class WorkerCommand extends SpringCommand {

    @Override
    Mode mode() {
        return Mode.WORKER;
    }

    @Override
    int call(CustosContext context) {
        WorkersProperties workers = context.bean(WorkersProperties.class);
        if (!workers.enabled()) {
            throw new EnvironmentException("no broker configured: a worker takes partitions from RabbitMQ; set "
                    + "custos.workers.enabled=true and spring.rabbitmq.* on the workers and on the nodes that run jobs "
                    + "(without a broker every job runs in one process)");
        }
        WorkerNode node = context.bean(WorkerNode.class);
        AtomicBoolean closed = new AtomicBoolean();
        context.context().addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                closed.set(true);
            }
        });
        out().println("custos worker: taking partitions from queue " + workers.queue() + " for job repository "
                + node.repositoryId() + "; Ctrl-C stops");
        try {
            while (!closed.get()) {
                Optional<String> refusal = node.awaitRefusal(500);
                node.finishedPartitions().forEach(line -> out().println("custos worker: " + line));
                if (refusal.isPresent()) {
                    throw new EnvironmentException(refusal.get());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.OK;
    }
}
