package dev.custos.scheduler.launch;

import java.util.List;

import dev.custos.common.results.Metric;

/**
 * How a launch ended: the execution, its status and message, and its figures; or, when the
 * period had already completed and no rerun was asked, which execution completed it.
 */
public record RunOutcome(String job, String period, long executionId, String status, String message,
                         List<Metric> metrics, boolean alreadyCompleted) {

    public boolean completed() {
        return "COMPLETED".equals(status);
    }
}
