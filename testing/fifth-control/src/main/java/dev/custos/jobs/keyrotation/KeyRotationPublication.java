package dev.custos.jobs.keyrotation;

import java.time.LocalDate;
import java.util.List;

import dev.custos.common.job.PublishContext;
import dev.custos.common.job.ResultsPublication;
import dev.custos.common.results.Metric;

/** The figures of key-rotation: keys in the inventory, and the share rotated in the last 90 days of the period. */
final class KeyRotationPublication implements ResultsPublication {

    static final String KEYS = "keys";
    static final String KEYS_ROTATED = "keys_rotated";
    static final int MAX_KEY_AGE_DAYS = 90;
    static final double TARGET = 1.0;

    private final KeyRotationStaging staging;

    KeyRotationPublication(KeyRotationStaging staging) {
        this.staging = staging;
    }

    @Override
    public long acceptedRows(PublishContext context) {
        return staging.keys(context.jobInstanceId());
    }

    @Override
    public List<Metric> metrics(PublishContext context) {
        long keys = staging.keys(context.jobInstanceId());
        if (keys == 0) {
            return List.of(Metric.count(KEYS, 0), Metric.missing(KEYS_ROTATED, Metric.RATIO, "no key in " + KeyRecord.FILE));
        }
        LocalDate since = context.period().end().minusDays(MAX_KEY_AGE_DAYS - 1L);
        double rotated = (double) staging.rotatedSince(context.jobInstanceId(), since) / keys;
        return List.of(Metric.count(KEYS, keys), Metric.kpiAtLeast(KEYS_ROTATED, rotated, Metric.RATIO, TARGET));
    }

    @Override
    public void writeFiles(PublishContext context, List<Metric> metrics) {
        // summary.json and rejects.csv are all this control writes; the platform writes them
    }
}
