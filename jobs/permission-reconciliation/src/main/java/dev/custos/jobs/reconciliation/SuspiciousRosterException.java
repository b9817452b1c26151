package dev.custos.jobs.reconciliation;

import dev.custos.common.CustosException;

/**
 * The roster is empty or much smaller than last month's: most likely a partial HR export, which
 * would flag everyone missing from it as an unknown identity. The run stops before any finding.
 */
class SuspiciousRosterException extends CustosException {

    SuspiciousRosterException(String message) {
        super(message);
    }
}
