package dev.custos.jobs.training;

import java.util.List;

import dev.custos.common.roster.RosterEntry;

/** One employee with the completions recorded for them inside the quarter: the unit of work. */
record EmployeeCompletions(RosterEntry employee, List<Completion> completions) {
}
