package dev.custos.jobs.reconciliation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code custos.reconciliation.*}: the dormancy threshold of the rules, and the roster guard.
 *
 * @param dormantDays    see {@link ReconciliationPolicy#dormantDays()}
 * @param minRosterShare the run fails when the roster lists fewer employees than this share of
 *                       the previous month's (0 turns the comparison off; an empty roster always fails)
 * @param importThreads  how many grant files are imported at the same time (in one process)
 * @param findingsPartitions with worker nodes ({@code custos.workers.enabled}), how many ranges of
 *                       employee id the review of the grants is split into
 */
@ConfigurationProperties("custos.reconciliation")
record ReconciliationProperties(
        @DefaultValue("90") int dormantDays,
        @DefaultValue("0.5") double minRosterShare,
        @DefaultValue("2") int importThreads,
        @DefaultValue("4") int findingsPartitions) {

    ReconciliationProperties {
        if (minRosterShare < 0 || minRosterShare > 1) {
            throw new IllegalArgumentException("custos.reconciliation.min-roster-share must be from 0 to 1, found "
                    + minRosterShare);
        }
        if (findingsPartitions < 1) {
            throw new IllegalArgumentException("custos.reconciliation.findings-partitions must be 1 or more, found "
                    + findingsPartitions);
        }
        if (importThreads < 1) {
            throw new IllegalArgumentException("custos.reconciliation.import-threads must be 1 or more, found "
                    + importThreads);
        }
    }

    ReconciliationPolicy policy() {
        return new ReconciliationPolicy(dormantDays);
    }
}
