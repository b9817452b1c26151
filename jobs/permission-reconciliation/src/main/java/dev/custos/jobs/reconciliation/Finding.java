package dev.custos.jobs.reconciliation;

import java.util.Objects;

/**
 * A grant that should be revoked, and why.
 *
 * @param daysDeparted for {@link FindingRule#LEAVER_ACCESS}, the days from the departure to the
 *                     end of the month (0 when the employee left on its last day), {@code null}
 *                     when the roster gives no date; for other rules always {@code null}
 */
record Finding(Grant grant, FindingRule rule, Integer daysDeparted) {

    Finding {
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(rule, "rule");
        if (daysDeparted != null && rule != FindingRule.LEAVER_ACCESS) {
            throw new IllegalArgumentException("daysDeparted is given for LEAVER_ACCESS findings only");
        }
    }
}
