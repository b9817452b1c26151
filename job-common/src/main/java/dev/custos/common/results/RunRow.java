package dev.custos.common.results;

import java.time.LocalDateTime;

/** A run row: one job execution with its period, status, timings and counts. */
public record RunRow(long executionId, long jobInstanceId, String job, String period, int rerun, String status,
                     LocalDateTime startedAt, LocalDateTime endedAt, long readCount, long writeCount,
                     long skipCount, String exitMessage, String host, Long pid, LocalDateTime heartbeatAt) {

    public static RunRow started(long executionId, long jobInstanceId, String job, String period, int rerun,
                                 LocalDateTime startedAt) {
        return new RunRow(executionId, jobInstanceId, job, period, rerun, "STARTED", startedAt, null, 0, 0, 0,
                null, null, null, null);
    }
}
