package dev.custos.scheduler.launch;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Asks a running execution to stop by marking its job execution STOPPING, and writes nothing else.
 * The thread running it stays the only writer of its step executions: the next time a step saves its
 * state (each chunk's commit, with the chunk's rows and the reader's position in one transaction)
 * Batch's repository reads the mark back, and the step ends STOPPED at that chunk boundary.
 * Batch's {@code JobOperator.stop} instead also writes every running step execution and its
 * execution context from the copy it read before: a chunk committed in between is left in staging
 * under an older reader position, and the restart reads those rows again (spring-batch#5308).
 * One conditional UPDATE, so that an execution that ended meanwhile keeps its status.
 */
@Component
class StopSignal {

    private static final String MARK_STOPPING = """
            UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STOPPING', VERSION = VERSION + 1, LAST_UPDATED = ?
            WHERE JOB_EXECUTION_ID = ? AND STATUS IN ('STARTING', 'STARTED', 'STOPPING')""";

    private final JdbcTemplate jdbc;

    StopSignal(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the execution was still running and is now marked STOPPING. */
    boolean send(long executionId) {
        return jdbc.update(MARK_STOPPING, LocalDateTime.now(ZoneOffset.UTC), executionId) == 1;
    }
}
