package dev.custos.jobs.backup;

import java.util.ArrayList;
import java.util.List;

import dev.custos.common.job.PublishContext;
import dev.custos.common.job.ResultsPublication;
import dev.custos.common.results.Metric;

/**
 * The backup run's figures plus, on a drill run, {@code restore_drill_ok} (KPI, target 1). A
 * drill that fails fails the run, so a published drill run always has 1; the failure shows as
 * the run's FAILED status and message, and the day's {@code verified} is then not published either.
 */
final class RestoreDrillPublication implements ResultsPublication {

    static final String RESTORE_DRILL_OK = "restore_drill_ok";

    private final ResultsPublication backup;
    private final RestoreDrills drills;

    RestoreDrillPublication(ResultsPublication backup, RestoreDrills drills) {
        this.backup = backup;
        this.drills = drills;
    }

    @Override
    public long acceptedRows(PublishContext context) {
        return backup.acceptedRows(context);
    }

    @Override
    public List<Metric> metrics(PublishContext context) {
        List<Metric> metrics = new ArrayList<>(backup.metrics(context));
        drills.ofInstance(context.jobInstanceId())
                .ifPresent(drill -> metrics.add(Metric.kpiAtLeast(RESTORE_DRILL_OK, 1, Metric.COUNT, 1)));
        return metrics;
    }

    @Override
    public void writeFiles(PublishContext context) {
        backup.writeFiles(context);
    }
}
