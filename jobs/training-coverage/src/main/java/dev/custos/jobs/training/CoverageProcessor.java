package dev.custos.jobs.training;

import java.util.List;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.custos.common.period.Period;

/**
 * Applies the coverage rule to one employee's completions; employees out of scope are filtered out.
 * Not final: the step-scoped bean is a class-based proxy.
 */
class CoverageProcessor implements ItemProcessor<EmployeeCompletions, CoverageResult> {

    private final CoverageRule rule;
    private final List<Requirement> requirements;
    private final Period quarter;

    CoverageProcessor(CoverageRule rule, List<Requirement> requirements, Period quarter) {
        this.rule = rule;
        this.requirements = requirements;
        this.quarter = quarter;
    }

    @Override
    public CoverageResult process(EmployeeCompletions item) {
        CoverageResult result = rule.evaluate(item.employee(), requirements, item.completions(), quarter);
        return result.inScope() ? result : null;
    }
}
