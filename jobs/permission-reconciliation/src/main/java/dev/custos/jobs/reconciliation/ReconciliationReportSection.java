package dev.custos.jobs.reconciliation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.custos.common.period.Period;
import dev.custos.common.period.PeriodType;
import dev.custos.common.report.Chart;
import dev.custos.common.report.Figures;
import dev.custos.common.report.KpiLine;
import dev.custos.common.report.ReportSection;
import dev.custos.common.results.KpiStatus;
import dev.custos.common.results.Metric;
import dev.custos.common.results.ResultsRepository;

/**
 * permission-reconciliation in the KPI report: its figures' names for managers, what to do when
 * leavers still have access (revoke what {@code revocations.csv} lists), and its findings per
 * rule for each month of the period that is over.
 */
final class ReconciliationReportSection implements ReportSection {

    private static final Map<String, String> LABELS = Map.of(
            PermissionReconciliationPublication.LEAVERS_WITH_ACCESS, "Leavers with access",
            PermissionReconciliationPublication.FINDINGS, "Findings",
            PermissionReconciliationPublication.FINDINGS_NEW, "New findings",
            PermissionReconciliationPublication.FINDINGS_PERSISTING, "Persisting findings",
            PermissionReconciliationPublication.FINDINGS_RESOLVED, "Findings resolved",
            PermissionReconciliationPublication.MAX_DAYS_DEPARTED, "Longest days a leaver kept access",
            PermissionReconciliationPublication.CLEAN_SHARE, "Clean grants",
            "grants", "Grants reviewed");

    private final ResultsRepository results;

    ReconciliationReportSection(ResultsRepository results) {
        this.results = results;
    }

    @Override
    public String jobName() {
        return PermissionReconciliationJobConfig.JOB_NAME;
    }

    @Override
    public String title() {
        return "Permission reconciliation";
    }

    @Override
    public Optional<String> label(String figure) {
        if (figure.startsWith(PermissionReconciliationPublication.FINDINGS + ".")) {
            return Optional.of(ruleLabel(figure.substring(figure.indexOf('.') + 1)) + " findings");
        }
        return Optional.ofNullable(LABELS.get(figure));
    }

    @Override
    public Optional<String> action(Period period, LocalDate today, KpiLine latest) {
        if (!latest.metric().name().equals(PermissionReconciliationPublication.LEAVERS_WITH_ACCESS)) {
            return Optional.empty();
        }
        KpiStatus status = latest.status().orElseThrow();
        long leavers = latest.metric().isMissing() ? 0 : latest.metric().value().longValue();
        return Optional.of(switch (status) {
            case MISSED -> "%d leaver%s still ha%s access: revoke the grants listed in %s of %s.".formatted(leavers,
                    leavers == 1 ? "" : "s", leavers == 1 ? "s" : "ve", PermissionReconciliationPublication.REVOCATIONS_FILE,
                    latest.period());
            case MET -> "No leaver holds access at the end of " + latest.period() + ": nothing to revoke.";
            case MISSING -> "No reconciliation of " + latest.period() + ": run custos run " + jobName() + " --period "
                    + latest.period() + " with that month's exports.";
        });
    }

    /** Findings per rule for each month of the period that has a published run. */
    @Override
    public List<Chart> charts(Period period, LocalDate today) {
        List<Period> months = period.type() == PeriodType.MONTH ? List.of(period) : period.subPeriods(PeriodType.MONTH);
        List<Map<String, Metric>> byMonth = months.stream().map(month -> results.metrics(jobName(), month.toString())
                .stream().collect(Collectors.toMap(Metric::name, Function.identity(), (a, b) -> a))).toList();
        if (byMonth.stream().allMatch(Map::isEmpty)) {
            return List.of();
        }
        List<Chart.Series> series = new ArrayList<>();
        for (FindingRule rule : FindingRule.values()) {
            String name = PermissionReconciliationPublication.FINDINGS + "." + rule.name();
            series.add(new Chart.Series(ruleLabel(rule.name()), byMonth.stream()
                    .map(metrics -> metrics.containsKey(name) ? metrics.get(name).value() : null).toList()));
        }
        return List.of(new Chart("Reconciliation findings per rule " + period, Metric.COUNT, null,
                months.stream().map(Figures::category).toList(), series));
    }

    /** {@code LEAVER_ACCESS} -> {@code Leaver access}. */
    private static String ruleLabel(String rule) {
        String words = rule.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
