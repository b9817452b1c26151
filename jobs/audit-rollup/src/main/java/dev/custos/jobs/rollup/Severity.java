package dev.custos.jobs.rollup;

/** How grave an audit finding is, gravest first. */
enum Severity {
    CRITICAL, HIGH, MEDIUM, LOW
}
