package dev.custos.jobs.reconciliation;

/**
 * Why a grant should be revoked, in the order the rules are tried: the first that matches is the
 * grant's only finding. The names are a contract: they are the {@code reason} of
 * {@code revocations.csv} and the suffix of the {@code findings.<RULE>} metrics.
 */
enum FindingRule {
    /** The employee is not in the roster. */
    UNKNOWN_IDENTITY,
    /** The employee had departed by the end of the month. */
    LEAVER_ACCESS,
    /** The employee's role is not entitled to the permission on the system. */
    EXCESS_PRIVILEGE,
    /** The grant has not been used for longer than the dormancy threshold and is older than it. */
    DORMANT
}
