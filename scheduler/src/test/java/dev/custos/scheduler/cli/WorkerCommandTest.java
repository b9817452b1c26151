package dev.custos.scheduler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.Installation;

/** {@code custos worker} where no broker is configured: nothing to take partitions from. */
class WorkerCommandTest {

    @TempDir
    Path dir;

    @Test
    void aWorkerWithoutABrokerRefusesToStartWithOneLine() {
        try (Installation installation = Installation.create(WorkerCommandTest.class, dir)) {
            CommandResult result = installation.custos("worker");

            assertThat(result.exitCode()).as(result.describe()).isEqualTo(ExitCodes.ENVIRONMENT);
            assertThat(result.errLines()).singleElement().asString()
                    .startsWith("custos: no broker configured: a worker takes partitions from RabbitMQ; set "
                            + "custos.workers.enabled=true and spring.rabbitmq.*");
            assertThat(result.out()).isEmpty();
        }
    }
}
