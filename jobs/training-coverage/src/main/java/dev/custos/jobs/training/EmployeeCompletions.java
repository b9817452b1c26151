package dev.custos.jobs.training;

import java.util.List;

/** One employee with the completions recorded for them inside the quarter: the unit of work. */
record EmployeeCompletions(Employee employee, List<Completion> completions) {
}
