package dev.custos.common.workers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What a worker compares with the manager's settings carried on a partition request. */
class WorkerSettingsTest {

    @Test
    void aWorkerWithTheManagersSettingsFindsNoDifference() {
        WorkerSettings manager = settings("1.0+abc", 1000, "90");

        assertThat(settings("1.0+abc", 1000, "90").differencesFrom(manager.onTheWire())).isEmpty();
    }

    @Test
    void everySettingThatDiffersIsNamedWithBothValues() {
        WorkerSettings manager = settings("1.0+abc", 1000, "90");

        assertThat(settings("1.1+def", 500, "90").differencesFrom(manager.onTheWire())).contains(
                "code version is 1.0+abc on the manager but 1.1+def on this worker, "
                        + "custos.chunk-size is 1000 on the manager but 500 on this worker");
    }

    @Test
    void aSettingOnlyOneSideHasIsADifference() {
        WorkerSettings manager = WorkerSettings.of("1.0+abc", List.of(common(1000)));

        assertThat(settings("1.0+abc", 1000, "90").differencesFrom(manager.onTheWire()))
                .contains("custos.reconciliation.dormant-days is not set on the manager but 90 on this worker");
    }

    @Test
    void aRequestWithoutSettingsIsRefused() {
        assertThat(settings("1.0+abc", 1000, "90").differencesFrom(null))
                .contains("the request carries no settings (a manager of another code version?)");
    }

    private static WorkerSettings settings(String codeVersion, int chunkSize, String dormantDays) {
        return WorkerSettings.of(codeVersion,
                List.of(common(chunkSize), () -> Map.of("custos.reconciliation.dormant-days", dormantDays)));
    }

    private static PartitionSettings common(int chunkSize) {
        return () -> Map.of("custos.chunk-size", String.valueOf(chunkSize), "custos.csv.max-record-chars", "1048576");
    }
}
