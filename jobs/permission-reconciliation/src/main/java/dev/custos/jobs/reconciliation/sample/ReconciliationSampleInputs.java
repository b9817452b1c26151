package dev.custos.jobs.reconciliation.sample;

import java.nio.file.Path;

import org.springframework.stereotype.Component;

import dev.custos.common.period.Period;
import dev.custos.common.sample.SampleInputs;
import dev.custos.jobs.reconciliation.PermissionReconciliationJobConfig;

/** permission-reconciliation's demo inputs: the demo's sizes times the scale, with malformed rows. */
@Component
public final class ReconciliationSampleInputs implements SampleInputs {

    /**
     * The demo's company. Fixed, not taken from the demo's seed (which differs per period), so that
     * the demo's consecutive months describe the same people and show persisting and resolved findings.
     */
    static final long DEMO_ORGANISATION_SEED = 20_261_101L;

    @Override
    public String jobName() {
        return PermissionReconciliationJobConfig.JOB_NAME;
    }

    /** @param seed moves the month's activity (the last use of grants in use); the people stay the same */
    @Override
    public void write(Path inbox, Period period, int scale, long seed) {
        ReconciliationSampleData.Sizes demo = ReconciliationSampleData.Sizes.demo();
        ReconciliationSampleData.write(inbox, period,
                new ReconciliationSampleData.Sizes(demo.employees() * scale, demo.grantRows() * scale),
                DEMO_ORGANISATION_SEED, seed, true);
    }
}
