package dev.custos.jobs.reconciliation;

import java.nio.file.Path;
import java.util.List;

import dev.custos.common.job.Control;
import dev.custos.common.period.Period;
import dev.custos.common.period.PeriodType;

/** permission-reconciliation as the scheduler sees it: monthly, on the 1st at 03:00, for the month before. */
final class PermissionReconciliationControl implements Control {

    /**
     * The demo's company. Fixed, not taken from the demo's seed (which differs per period), so that
     * the demo's consecutive months describe the same people and show persisting and resolved findings.
     */
    static final long DEMO_ORGANISATION_SEED = 20_261_101L;

    @Override
    public String jobName() {
        return PermissionReconciliationJobConfig.JOB_NAME;
    }

    @Override
    public PeriodType periodType() {
        return PeriodType.MONTH;
    }

    @Override
    public String defaultCron() {
        return "0 0 3 1 * ?";
    }

    @Override
    public List<String> detailTables() {
        return List.of("reconciliation_finding");
    }

    @Override
    public List<String> stagingTables() {
        return List.of("rc_employee_stage", "rc_entitlement_stage", "rc_grant_stage");
    }

    /** @param seed moves the month's activity (the last use of grants in use); the people stay the same */
    @Override
    public void writeSampleInputs(Path inbox, Period period, int scale, long seed) {
        ReconciliationSampleData.Sizes demo = ReconciliationSampleData.Sizes.demo();
        ReconciliationSampleData.write(inbox, period,
                new ReconciliationSampleData.Sizes(demo.employees() * scale, demo.grantRows() * scale),
                DEMO_ORGANISATION_SEED, seed, true);
    }
}
