package dev.custos.common.outbox;

import java.util.List;

import dev.custos.common.results.Metric;

/** The content of {@code summary.json}: one run's status and figures. */
public record Summary(String job, String period, String status, long executionId, List<Metric> metrics) {
}
