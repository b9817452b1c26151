package dev.custos.scheduler.launch;

import java.util.List;

import dev.custos.common.results.Metric;
import dev.custos.common.results.RunWarning;

/**
 * How a launch ended: the execution, its status and message, and its figures; or, when the
 * period had already completed and no rerun was asked, which execution completed it. Warnings are
 * those the run published (e.g. {@code input_reused_from}).
 */
public record RunOutcome(String job, String period, long executionId, String status, String message,
                         List<Metric> metrics, List<RunWarning> warnings, boolean alreadyCompleted) {

    public RunOutcome {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public boolean completed() {
        return "COMPLETED".equals(status);
    }

    /** What an audit row says of a restart: the run's status, or that the period was already complete and nothing ran. */
    public String auditOutcome() {
        return alreadyCompleted ? "NOTHING_TO_RESUME" : status;
    }
}
