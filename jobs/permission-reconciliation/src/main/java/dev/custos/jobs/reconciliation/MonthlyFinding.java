package dev.custos.jobs.reconciliation;

/** A finding of the month and whether it is new or was already found last month. */
record MonthlyFinding(Finding finding, FindingStatus status) {
}
