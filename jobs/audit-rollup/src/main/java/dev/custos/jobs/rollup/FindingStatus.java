package dev.custos.jobs.rollup;

/** Where an audit finding stands: still open, fixed, or its risk accepted. */
enum FindingStatus {
    OPEN, REMEDIATED, ACCEPTED
}
