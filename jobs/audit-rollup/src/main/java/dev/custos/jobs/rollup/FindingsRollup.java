package dev.custos.jobs.rollup;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

import dev.custos.common.results.KpiTarget;
import dev.custos.common.results.Metric;

/**
 * The rules of the rollup over the accepted findings, for year Y: the findings of Y and of Y-1
 * (by {@code audit_year}) by severity, category and status; the reduction (count(Y-1) - count(Y))
 * / count(Y-1), a KPI met at 0.2 or more; the findings carried over into Y; the median days to
 * remediate. No Spring, no database: the job feeds it the staged rows.
 *
 * <p>Carried over: opened before 1 January of Y and not closed before it, i.e. still OPEN, or
 * REMEDIATED or ACCEPTED on or after 1 January of Y. Days to remediate: {@code closed_on -
 * opened_on} of the findings REMEDIATED with {@code closed_on} in Y, whatever their audit year
 * (ACCEPTED findings were not fixed, so they are left out); the median of an even count is the
 * mean of the middle two.
 */
final class FindingsRollup {

    static final String FINDINGS = "findings";
    static final String FINDINGS_PREVIOUS = "findings_previous";
    static final String REDUCTION = "reduction";
    static final double REDUCTION_TARGET = 0.2;
    static final KpiTarget REDUCTION_KPI = new KpiTarget(REDUCTION, Metric.RATIO, REDUCTION_TARGET);
    static final String BY_STATUS = "findings_status";
    static final String BY_CATEGORY = "findings_category";
    static final String CARRIED_OVER = "findings_carried_over";
    static final String MEDIAN_DAYS_TO_REMEDIATE = "median_days_to_remediate";
    static final String DAYS = "days";

    private final int year;
    private final List<AuditFinding> current = new ArrayList<>();
    private final List<AuditFinding> previous = new ArrayList<>();
    private final long carriedOver;
    private final OptionalDouble medianDaysToRemediate;

    private FindingsRollup(int year, Collection<AuditFinding> findings) {
        this.year = year;
        LocalDate yearStart = LocalDate.of(year, 1, 1);
        List<Long> remediationDays = new ArrayList<>();
        long carried = 0;
        for (AuditFinding finding : findings) {
            if (finding.auditYear() == year) {
                current.add(finding);
            } else if (finding.auditYear() == year - 1) {
                previous.add(finding);
            }
            if (finding.openAtStartOf(yearStart)) {
                carried++;
            }
            if (finding.status() == FindingStatus.REMEDIATED && finding.closedOn().getYear() == year) {
                remediationDays.add(ChronoUnit.DAYS.between(finding.openedOn(), finding.closedOn()));
            }
        }
        this.carriedOver = carried;
        this.medianDaysToRemediate = median(remediationDays);
    }

    static FindingsRollup of(int year, Collection<AuditFinding> findings) {
        return new FindingsRollup(year, findings);
    }

    /** A data row of the findings file, where it was read. */
    record StagedFinding(String file, long line, AuditFinding finding) {
    }

    /** A row rejected because its finding_id came earlier. */
    record Repeated(String file, long line, String reason) {
    }

    /**
     * The later rows of every repeated {@code finding_id} (ids compare trimmed and ignoring case;
     * the mapper stores them so), given the rows in reading order: the first row of an id stands.
     */
    static List<Repeated> repeatedIds(List<StagedFinding> rowsInReadingOrder) {
        Map<String, StagedFinding> first = new HashMap<>();
        List<Repeated> repeated = new ArrayList<>();
        for (StagedFinding row : rowsInReadingOrder) {
            String id = row.finding().findingId().strip().toUpperCase(Locale.ROOT);
            StagedFinding earlier = first.putIfAbsent(id, row);
            if (earlier != null) {
                repeated.add(new Repeated(row.file(), row.line(), "repeated finding_id (first at line "
                        + earlier.line() + ")"));
            }
        }
        return repeated;
    }

    int year() {
        return year;
    }

    long findings() {
        return current.size();
    }

    long findingsPrevious() {
        return previous.size();
    }

    /** The reduction KPI, or missing when the previous year has no findings to reduce. */
    Metric reduction() {
        if (previous.isEmpty()) {
            return REDUCTION_KPI.missing("no findings of " + (year - 1) + " in the findings file: "
                    + "the reduction needs the previous year's count");
        }
        double reduction = (double) (previous.size() - current.size()) / previous.size();
        return Metric.kpiAtLeast(REDUCTION, reduction, Metric.RATIO, REDUCTION_TARGET);
    }

    long carriedOver() {
        return carriedOver;
    }

    OptionalDouble medianDaysToRemediate() {
        return medianDaysToRemediate;
    }

    /** The year's findings against the previous year's by severity (every severity), category and status. */
    List<RollupLine> lines() {
        List<RollupLine> lines = new ArrayList<>();
        Map<Severity, long[]> severities = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            severities.put(severity, new long[2]);
        }
        Map<FindingStatus, long[]> statuses = new EnumMap<>(FindingStatus.class);
        for (FindingStatus status : FindingStatus.values()) {
            statuses.put(status, new long[2]);
        }
        Map<String, long[]> categories = new LinkedHashMap<>();
        Map<String, String> categoryNames = new HashMap<>();
        count(current, 0, severities, statuses, categories, categoryNames);
        count(previous, 1, severities, statuses, categories, categoryNames);
        severities.forEach((s, n) -> lines.add(new RollupLine(RollupLine.SEVERITY, s.name(), n[0], n[1])));
        categories.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> lines.add(
                new RollupLine(RollupLine.CATEGORY, categoryNames.get(e.getKey()), e.getValue()[0], e.getValue()[1])));
        statuses.forEach((s, n) -> lines.add(new RollupLine(RollupLine.STATUS, s.name(), n[0], n[1])));
        return lines;
    }

    private static void count(List<AuditFinding> findings, int column, Map<Severity, long[]> severities,
                              Map<FindingStatus, long[]> statuses, Map<String, long[]> categories,
                              Map<String, String> categoryNames) {
        for (AuditFinding finding : findings) {
            severities.get(finding.severity())[column]++;
            statuses.get(finding.status())[column]++;
            String key = finding.category().toLowerCase(Locale.ROOT);
            categoryNames.putIfAbsent(key, finding.category());
            categories.computeIfAbsent(key, k -> new long[2])[column]++;
        }
    }

    /**
     * The figures: {@code findings}, {@code findings_previous}, {@code reduction},
     * {@code findings.<SEVERITY>} and {@code findings_previous.<SEVERITY>},
     * {@code findings_status.<STATUS>} and {@code findings_category.<category>} of the year,
     * {@code findings_carried_over} and {@code median_days_to_remediate}.
     */
    List<Metric> metrics() {
        List<Metric> metrics = new ArrayList<>();
        metrics.add(Metric.count(FINDINGS, findings()));
        metrics.add(Metric.count(FINDINGS_PREVIOUS, findingsPrevious()));
        metrics.add(reduction());
        List<RollupLine> lines = lines();
        for (RollupLine line : lines) {
            switch (line.section()) {
                case RollupLine.SEVERITY -> {
                    metrics.add(Metric.count(FINDINGS + "." + line.item(), line.findings()));
                    metrics.add(Metric.count(FINDINGS_PREVIOUS + "." + line.item(), line.findingsPrevious()));
                }
                case RollupLine.STATUS -> metrics.add(Metric.count(BY_STATUS + "." + line.item(), line.findings()));
                default -> metrics.add(Metric.count(BY_CATEGORY + "." + line.item(), line.findings()));
            }
        }
        metrics.add(Metric.count(CARRIED_OVER, carriedOver));
        metrics.add(medianDaysToRemediate.isPresent()
                ? Metric.of(MEDIAN_DAYS_TO_REMEDIATE, medianDaysToRemediate.getAsDouble(), DAYS)
                : Metric.missing(MEDIAN_DAYS_TO_REMEDIATE, DAYS, "no finding was remediated in " + year));
        return metrics;
    }

    /** The median; of an even count, the mean of the middle two. */
    static OptionalDouble median(List<Long> values) {
        if (values.isEmpty()) {
            return OptionalDouble.empty();
        }
        List<Long> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return OptionalDouble.of(sorted.size() % 2 == 1 ? sorted.get(middle)
                : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0);
    }
}
