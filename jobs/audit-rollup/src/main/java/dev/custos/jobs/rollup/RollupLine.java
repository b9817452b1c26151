package dev.custos.jobs.rollup;

/**
 * One line of the rollup's detail table: the year's findings and the previous year's in one
 * section (severity, category or status) for one item (e.g. HIGH).
 */
record RollupLine(String section, String item, long findings, long findingsPrevious) {

    static final String SEVERITY = "SEVERITY";
    static final String CATEGORY = "CATEGORY";
    static final String STATUS = "STATUS";
}
