package dev.custos.jobs.reconciliation;

import java.util.List;

import dev.custos.common.job.Control;
import dev.custos.common.period.PeriodType;
import dev.custos.common.results.KpiTarget;

/** permission-reconciliation as the scheduler sees it: monthly, on the 1st at 03:00, for the month before. */
final class PermissionReconciliationControl implements Control {

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
    public List<KpiTarget> kpis() {
        return List.of(PermissionReconciliationPublication.LEAVERS_KPI);
    }

    @Override
    public List<String> detailTables() {
        return List.of("reconciliation_finding");
    }

    @Override
    public List<String> stagingTables() {
        return List.of("rc_employee_stage", "rc_entitlement_stage", "rc_grant_stage");
    }
}
