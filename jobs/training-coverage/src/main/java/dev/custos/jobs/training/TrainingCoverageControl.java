package dev.custos.jobs.training;

import java.util.List;

import dev.custos.common.job.Control;
import dev.custos.common.period.PeriodType;
import dev.custos.common.results.KpiTarget;

/** training-coverage as the scheduler sees it: quarterly, on the 1st day after the quarter at 04:00. */
final class TrainingCoverageControl implements Control {

    @Override
    public String jobName() {
        return TrainingCoverageJobConfig.JOB_NAME;
    }

    @Override
    public PeriodType periodType() {
        return PeriodType.QUARTER;
    }

    @Override
    public String defaultCron() {
        return "0 0 4 1 1,4,7,10 ?";
    }

    @Override
    public List<KpiTarget> kpis() {
        return List.of(TrainingCoveragePublication.COVERAGE_KPI);
    }

    @Override
    public List<String> detailTables() {
        return List.of("training_coverage");
    }

    @Override
    public List<String> stagingTables() {
        return List.of("tc_employee_stage", "tc_requirement_stage", "tc_completion_stage");
    }
}
