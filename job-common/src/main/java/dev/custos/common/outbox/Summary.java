package dev.custos.common.outbox;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.custos.common.results.Metric;
import dev.custos.common.results.RunWarning;

/**
 * The content of {@code summary.json}: one run's status and figures, and its warnings (a figure
 * whose value is text, e.g. {@code input_reused_from}); {@code warnings} is left out when there is none.
 */
public record Summary(String job, String period, String status, long executionId, List<Metric> metrics,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RunWarning> warnings) {

    public Summary {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public Summary(String job, String period, String status, long executionId, List<Metric> metrics) {
        this(job, period, status, executionId, metrics, List.of());
    }
}
