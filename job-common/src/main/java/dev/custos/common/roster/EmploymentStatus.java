package dev.custos.common.roster;

/** The {@code status} column of the HR roster. */
public enum EmploymentStatus {
    ACTIVE,
    DEPARTED
}
