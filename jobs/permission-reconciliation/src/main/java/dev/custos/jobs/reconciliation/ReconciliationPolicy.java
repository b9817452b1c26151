package dev.custos.jobs.reconciliation;

/**
 * The configurable threshold of the reconciliation rules.
 *
 * @param dormantDays a grant is dormant when it was last used (or never) and granted more than
 *                    this many days before the end of the month
 */
public record ReconciliationPolicy(int dormantDays) {

    public static final int DEFAULT_DORMANT_DAYS = 90;

    public ReconciliationPolicy {
        if (dormantDays < 1) {
            throw new IllegalArgumentException("dormantDays must be 1 or more, found " + dormantDays);
        }
    }

    public static ReconciliationPolicy defaults() {
        return new ReconciliationPolicy(DEFAULT_DORMANT_DAYS);
    }
}
