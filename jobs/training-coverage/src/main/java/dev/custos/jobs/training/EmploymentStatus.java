package dev.custos.jobs.training;

/** The employment status column of the HR roster. */
public enum EmploymentStatus {
    ACTIVE,
    DEPARTED
}
