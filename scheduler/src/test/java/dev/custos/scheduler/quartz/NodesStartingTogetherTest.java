package dev.custos.scheduler.quartz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.Scheduler;
import org.springframework.context.ConfigurableApplicationContext;

import dev.custos.scheduler.Installation;
import dev.custos.scheduler.launch.ControlCatalog;

/**
 * Two scheduler nodes (each its own Spring context and Quartz scheduler, as two {@code custos
 * serve} processes have) storing their schedules at the same moment on an empty Quartz store,
 * round after round: every start succeeds and the store ends with one job and one trigger per
 * control. {@code NodeFailoverIT} starts two real processes together.
 */
@Timeout(300)
class NodesStartingTogetherTest {

    private static final int ROUNDS = 12;

    @TempDir
    Path dir;

    @Test
    void nodesStoringSchedulesAtOnceAllSucceedWithOneJobAndTriggerPerControl() throws Exception {
        try (Installation installation = Installation.create(NodesStartingTogetherTest.class, dir)) {
            ConfigurableApplicationContext first = SchedulingTest.startNode(installation, false);
            ConfigurableApplicationContext second = SchedulingTest.startNode(installation, false);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                long controls = first.getBean(ControlCatalog.class).controls().size();
                List<ScheduleService> nodes = List.of(first.getBean(ScheduleService.class),
                        second.getBean(ScheduleService.class));
                for (int round = 0; round < ROUNDS; round++) {
                    first.getBean(Scheduler.class).clear();
                    assertThat(installation.queryLong("SELECT COUNT(*) FROM QRTZ_TRIGGERS")).isZero();
                    CyclicBarrier together = new CyclicBarrier(nodes.size());
                    List<Future<?>> starts = new ArrayList<>();
                    for (ScheduleService node : nodes) {
                        starts.add(threads.submit(() -> {
                            together.await();
                            node.synchronize();
                            return null;
                        }));
                    }
                    for (Future<?> start : starts) {
                        start.get(60, TimeUnit.SECONDS); // rethrows a node's failure
                    }
                    assertOneJobAndTriggerPerControl(installation, controls);
                }
            } finally {
                threads.shutdownNow();
                // the nodes share Quartz's per-JVM connection provider, which the later one registered
                first.close();
                second.close();
            }
        }
    }

    static void assertOneJobAndTriggerPerControl(Installation installation, long controls) {
        assertThat(controls).isPositive();
        Stream.of("QRTZ_JOB_DETAILS", "QRTZ_TRIGGERS", "QRTZ_CRON_TRIGGERS").forEach(table ->
                assertThat(installation.queryLong("SELECT COUNT(*) FROM " + table)).as(table).isEqualTo(controls));
        assertThat(installation.queryLong("SELECT COUNT(DISTINCT JOB_NAME) FROM QRTZ_TRIGGERS")).isEqualTo(controls);
    }
}
