package dev.custos.jobs.training;

import dev.custos.common.period.Period;
import dev.custos.common.roster.RosterEntry;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The training-coverage control for one quarter: who is in scope, which courses apply to them and
 * which completions count. Plain Java so the rule can be read and tested without the batch job.
 */
final class CoverageRule {

    private final TrainingPolicy policy;

    CoverageRule(TrainingPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * In scope are employees still employed at the end of the quarter's last day who were hired
     * at least {@code hireCutoffDays} before it: a newcomer gets that long to catch up.
     */
    boolean inScope(RosterEntry employee, Period quarter) {
        LocalDate end = quarter.end();
        LocalDate latestHire = end.minusDays(policy.hireCutoffDays());
        return !employee.departedBy(end) && !employee.hiredOn().isAfter(latestHire);
    }

    /** A completion counts when it is dated inside the quarter and scores blank or at least the pass score. */
    boolean passes(Completion completion, Period quarter) {
        Integer score = completion.score();
        return quarter.contains(completion.completedOn()) && (score == null || score >= policy.passScore());
    }

    /**
     * Evaluates one employee. A course listed for several audiences that all match is required
     * once; completions of courses that are not required are ignored.
     *
     * @param completionsOfEmployee this employee's completions, in any order
     * @throws IllegalArgumentException when a completion belongs to another employee
     */
    CoverageResult evaluate(
            RosterEntry employee, List<Requirement> requirements, Collection<Completion> completionsOfEmployee,
            Period quarter) {
        if (!inScope(employee, quarter)) {
            return new CoverageResult(employee, false, List.of(), List.of());
        }
        Set<String> applicable = new TreeSet<>();
        for (Requirement requirement : requirements) {
            if (requirement.audience().appliesTo(employee)) {
                applicable.add(requirement.courseId());
            }
        }
        Set<String> passed = new HashSet<>();
        for (Completion completion : completionsOfEmployee) {
            if (!completion.employeeId().equals(employee.employeeId())) {
                throw new IllegalArgumentException("completion of " + completion.employeeId()
                        + " passed with the completions of " + employee.employeeId());
            }
            if (passes(completion, quarter)) {
                passed.add(completion.courseId());
            }
        }
        List<String> missing = applicable.stream().filter(course -> !passed.contains(course)).toList();
        return new CoverageResult(employee, true, List.copyOf(applicable), missing);
    }
}
