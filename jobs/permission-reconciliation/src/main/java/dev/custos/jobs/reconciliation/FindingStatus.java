package dev.custos.jobs.reconciliation;

/**
 * A finding against the previous month's published findings, compared on (employee, system,
 * permission): a grant flagged last month is {@code PERSISTING} even when the rule changed (a
 * dormant grant whose holder has since left is still the same unrevoked access).
 */
enum FindingStatus {
    NEW,
    PERSISTING;

    static FindingStatus comparedWithLastMonth(boolean foundLastMonth) {
        return foundLastMonth ? PERSISTING : NEW;
    }
}
