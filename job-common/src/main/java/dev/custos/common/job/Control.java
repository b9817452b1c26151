package dev.custos.common.job;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import dev.custos.common.period.Period;
import dev.custos.common.period.PeriodType;
import dev.custos.common.results.KpiTarget;

/**
 * What the scheduler and the command line need to know about one control beside its Spring
 * Batch {@code Job} bean of the same name: its period, default schedule, the detail tables its
 * results live in. A job module contributes one bean of this type (and its demo inputs as a
 * {@code dev.custos.common.sample.SampleInputs}); nothing else in the platform names the job.
 */
public interface Control {

    /** The Spring Batch job name, also the name in the results schema and the outbox. */
    String jobName();

    PeriodType periodType();

    /** Quartz cron expression (seconds first) of the default schedule. */
    String defaultCron();

    /** The period a run covers when none is given: by default the one that last closed. */
    default Period defaultPeriod(LocalDate today) {
        return Period.lastClosed(periodType(), today);
    }

    /** The period a scheduled run covers when its trigger was due on {@code scheduledDay}. */
    default Period scheduledPeriod(LocalDate scheduledDay) {
        return defaultPeriod(scheduledDay);
    }

    /**
     * How long after its period's end (midnight starting the day after the period, in
     * {@code custos.zone}) a period's run must have completed; later, the control is overdue.
     * Configuration overrides it with {@code custos.deadlines.<job>=<ISO-8601 duration>}.
     */
    default Duration completionDeadline() {
        return Duration.parse("P4DT12H");
    }

    /**
     * Yes/no options a run may ask for beyond its period, e.g. the backup's {@code drill}: each is
     * a non-identifying job parameter set to {@code true}; {@code custos run} offers it as {@code --NAME}.
     */
    default Set<String> runOptions() {
        return Set.of();
    }

    /**
     * Whether a run reads its period's folder of the inbox ({@code <inbox>/<job>/<period>/}): a
     * backfill refuses to start while one of its periods' folders is missing or empty.
     */
    default boolean readsInbox() {
        return true;
    }

    /**
     * The KPIs each run publishes: a period that is over without a completed run has each of them
     * missing in the report and the rollup, and counts so. None by default.
     */
    default List<KpiTarget> kpis() {
        return List.of();
    }

    /**
     * The published figures that say how much a completed run handled, as {@code custos executions}
     * shows them (the same numbers as its {@code summary.json}): by default the rows read, accepted
     * and rejected of the input files.
     */
    default List<String> runFigures() {
        return List.of(JobSteps.ROWS_READ, JobSteps.ROWS_ACCEPTED, JobSteps.ROWS_REJECTED);
    }

    /** Result tables (in the results schema) whose rows carry {@code job_instance_id}. */
    List<String> detailTables();

    /**
     * Staging tables (in the results schema) emptied of an instance's rows once it completed. Each must
     * have {@code job_instance_id} first in every unique key: on MariaDB a run's rows live in a partition
     * of their own ({@code StagingTables}), added by the job's {@code JobSteps.stagingPartitions} listener.
     */
    List<String> stagingTables();
}
