package dev.custos.common.job;

import java.util.List;

import dev.custos.common.results.Metric;
import dev.custos.common.results.RunWarning;

/**
 * A job's part of the final step: its accepted-row count (so the platform can check rows read =
 * accepted + rejected), its figures, and its own outbox files. Everything is computed from the
 * job's staging and detail rows, which are complete when this runs.
 */
public interface ResultsPublication {

    /** Input rows accepted, summed over the job's staging tables; 0 for a job that reads no file. */
    long acceptedRows(PublishContext context);

    List<Metric> metrics(PublishContext context);

    /**
     * What a person should check about the run's inputs although its figures stand (e.g. an export
     * whose rows all lie outside the period): published beside the metrics and in {@code summary.json}.
     */
    default List<RunWarning> warnings(PublishContext context) {
        return List.of();
    }

    /**
     * Writes the job's own files (e.g. {@code gaps.csv}) into {@code context.folder()}.
     *
     * @param metrics the run's figures as published and written to {@code summary.json}: the row
     *                counts, then {@link #metrics}
     */
    void writeFiles(PublishContext context, List<Metric> metrics);
}
