package dev.custos.jobs.rollup;

import java.time.LocalDate;

/**
 * One row of {@code audit_findings.csv}: a finding of the audit of {@code auditYear}.
 *
 * @param findingId trimmed and upper-cased
 * @param closedOn  set exactly when the finding is REMEDIATED or ACCEPTED
 */
record AuditFinding(String findingId, int auditYear, LocalDate openedOn, Severity severity, String category,
                           String title, FindingStatus status, LocalDate closedOn) {

    /** Whether the finding was still open at the start of {@code day}. */
    boolean openAtStartOf(LocalDate day) {
        return openedOn.isBefore(day) && (status == FindingStatus.OPEN || !closedOn.isBefore(day));
    }
}
