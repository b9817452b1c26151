package dev.custos.jobs.rollup;

import java.util.List;

import dev.custos.common.job.Control;
import dev.custos.common.period.PeriodType;
import dev.custos.common.results.KpiTarget;

/** audit-rollup as the scheduler sees it: yearly, on 2 January at 05:00, for the year before. */
final class AuditRollupControl implements Control {

    @Override
    public String jobName() {
        return AuditRollupJobConfig.JOB_NAME;
    }

    @Override
    public PeriodType periodType() {
        return PeriodType.YEAR;
    }

    @Override
    public String defaultCron() {
        return "0 0 5 2 1 ?";
    }

    @Override
    public List<KpiTarget> kpis() {
        return List.of(FindingsRollup.REDUCTION_KPI);
    }

    @Override
    public List<String> detailTables() {
        return List.of("audit_rollup_line");
    }

    @Override
    public List<String> stagingTables() {
        return List.of("ar_finding_stage");
    }
}
