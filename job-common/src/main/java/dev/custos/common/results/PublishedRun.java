package dev.custos.common.results;

/** The run whose rows become the results of its (job, period). */
public record PublishedRun(String job, String period, long jobInstanceId, long executionId) {
}
