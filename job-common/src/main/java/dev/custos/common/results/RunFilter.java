package dev.custos.common.results;

import java.time.LocalDateTime;
import java.util.List;

/**
 * Which runs to list, newest first; null fields do not filter, a limit of 0 lists all, offset skips
 * the newest. {@code startedFrom} (included) and {@code startedBefore} (excluded) bound the start
 * time, in UTC as stored.
 */
public record RunFilter(String job, String period, String status, int limit, int offset, LocalDateTime startedFrom,
                        LocalDateTime startedBefore) {

    /** The statuses a run row can have. */
    public static final List<String> STATUSES = List.of("STARTED", "COMPLETED", "FAILED", "STOPPED", "ABANDONED");

    public RunFilter(String job, String period, String status, int limit, int offset) {
        this(job, period, status, limit, offset, null, null);
    }

    public RunFilter(String job, String period, String status, int limit) {
        this(job, period, status, limit, 0);
    }

    public static RunFilter all() {
        return new RunFilter(null, null, null, 0);
    }

    public static RunFilter of(String job, String period) {
        return new RunFilter(job, period, null, 0);
    }
}
