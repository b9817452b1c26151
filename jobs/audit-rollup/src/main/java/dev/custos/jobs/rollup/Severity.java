package dev.custos.jobs.rollup;

/** How grave an audit finding is, gravest first. */
public enum Severity {
    CRITICAL, HIGH, MEDIUM, LOW
}
