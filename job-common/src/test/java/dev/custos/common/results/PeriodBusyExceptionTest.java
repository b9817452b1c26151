package dev.custos.common.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** What a run refused for a held period tells the operator. */
class PeriodBusyExceptionTest {

    @Test
    void refusalNamesTheRunningExecutionAndSinceWhenInUtc() {
        PeriodLock.Holder holder = new PeriodLock.Holder("token", 42L, "node-a", 4711,
                Instant.parse("2026-12-06T10:15:30.123Z"), Instant.parse("2026-12-06T10:20:00Z"));

        assertThat(new PeriodBusyException("backup", "2026-12-05", holder)).hasMessage(
                "backup 2026-12-05 is already running as execution 42 on node-a (pid 4711) since 2026-12-06T10:15:30Z; "
                        + "nothing was run: wait for it to end (custos executions --job backup)");
    }

    @Test
    void refusalOfAHolderWithoutAnExecutionSaysItIsStarting() {
        PeriodLock.Holder holder = new PeriodLock.Holder("token", null, "node-a", 4711,
                Instant.parse("2026-12-06T10:15:30Z"), Instant.parse("2026-12-06T10:15:30Z"));

        assertThat(new PeriodBusyException("backup", "2026-12-05", holder))
                .hasMessageStartingWith("backup 2026-12-05 is already running (its execution is starting) on node-a");
    }
}
