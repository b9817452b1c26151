package dev.custos.common.results;

/** Which runs to list; null fields do not filter, a limit of 0 lists all. */
public record RunFilter(String job, String period, String status, int limit) {

    public static RunFilter all() {
        return new RunFilter(null, null, null, 0);
    }

    public static RunFilter of(String job, String period) {
        return new RunFilter(job, period, null, 0);
    }
}
