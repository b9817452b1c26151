package dev.custos.common.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.custos.common.results.RunWarning;

class InputReuseTest {

    private static final Set<String> JANUARY = Set.of("a1", "b1", "c1");

    @Test
    void theWholeSetOfFilesIdenticalToAnEarlierPeriodsNamesTheEarliestSuchPeriod() {
        Map<String, List<Set<String>>> others = new TreeMap<>(Map.of(
                "2025-01", List.of(Set.of("a0", "b0", "c0"), JANUARY),
                "2025-02", List.of(JANUARY)));

        assertThat(InputReuse.check("permission-reconciliation", "2025-03", Set.of("c1", "b1", "a1"), others))
                .map(RunWarning::value).contains("2025-01");
    }

    @Test
    void aRunSharingSomeFilesOnlyOrReadingNoFileIsNotFlagged() {
        Map<String, List<Set<String>>> others = Map.of("2025-01", List.of(JANUARY));

        assertThat(InputReuse.check("permission-reconciliation", "2025-02", Set.of("a1", "b1", "c2"), others)).isEmpty();
        assertThat(InputReuse.check("permission-reconciliation", "2025-02", Set.of("a1", "b1"), others)).isEmpty();
        assertThat(InputReuse.check("backup", "2025-02-01", Set.of(), Map.of("2025-01-31", List.of(Set.of()))))
                .isEmpty();
    }
}
