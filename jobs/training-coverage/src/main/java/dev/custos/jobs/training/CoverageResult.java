package dev.custos.jobs.training;

import java.util.List;

import dev.custos.common.roster.RosterEntry;

/**
 * How one employee stands against the quarter's training requirements.
 *
 * @param applicableCourses the sorted ids of the courses the employee must complete; empty when
 *                          the employee is out of scope
 * @param missingCourses    the sorted ids of applicable courses without a passing completion in
 *                          the quarter
 */
record CoverageResult(
        RosterEntry employee, boolean inScope, List<String> applicableCourses, List<String> missingCourses) {

    CoverageResult {
        applicableCourses = List.copyOf(applicableCourses);
        missingCourses = List.copyOf(missingCourses);
    }

    /** In scope and nothing missing; an in-scope employee with no applicable course is covered. */
    boolean covered() {
        return inScope && missingCourses.isEmpty();
    }
}
