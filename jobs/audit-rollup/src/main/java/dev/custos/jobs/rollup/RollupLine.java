package dev.custos.jobs.rollup;

/**
 * One line of the rollup's detail table: the year's findings and the previous year's in one
 * section (severity, category or status) for one item (e.g. HIGH).
 */
public record RollupLine(String section, String item, long findings, long findingsPrevious) {

    public static final String SEVERITY = "SEVERITY";
    public static final String CATEGORY = "CATEGORY";
    public static final String STATUS = "STATUS";
}
