package dev.custos.scheduler.alerts;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.custos.common.period.InvalidPeriodException;
import dev.custos.common.period.Period;
import dev.custos.common.results.KpiStatus;
import dev.custos.common.results.Metric;
import dev.custos.scheduler.alerts.Incident.Kind;
import dev.custos.scheduler.monitoring.Freshness;

/**
 * Which incidents hold now. A new incident is raised for a job's newest period only (a failure or a
 * missed KPI of a period long past is history, not news); an incident already open stays open until
 * its own period clears: a later completed run, the KPI met, the overdue period completed.
 */
final class AlertRules {

    /** A finished execution: its status is final (COMPLETED, FAILED, STOPPED, ABANDONED). */
    record Run(long executionId, String job, String period, String status) {
    }

    record Figure(String job, String period, Metric metric) {
    }

    record Warning(String job, String period, String name) {
    }

    private AlertRules() {
    }

    static Map<String, Incident> holding(List<Run> finishedRuns, List<Figure> publishedFigures,
                                         List<Warning> publishedWarnings, List<Freshness> freshness,
                                         Collection<Incident> open) {
        Set<String> openKeys = open.stream().map(Incident::key).collect(Collectors.toSet());
        Map<String, Incident> holding = new LinkedHashMap<>();
        failedRuns(finishedRuns, openKeys).forEach(i -> holding.put(i.key(), i));
        missedKpis(publishedFigures, openKeys).forEach(i -> holding.put(i.key(), i));
        warnings(publishedWarnings, openKeys).forEach(i -> holding.put(i.key(), i));
        overdue(freshness, open).forEach(i -> holding.put(i.key(), i));
        return holding;
    }

    private static List<Incident> failedRuns(List<Run> runs, Set<String> openKeys) {
        Map<String, Run> latestPerPeriod = new HashMap<>();
        Map<String, Run> latestPerJob = new HashMap<>();
        Comparator<Run> byId = Comparator.comparingLong(Run::executionId);
        for (Run run : runs) {
            latestPerPeriod.merge(run.job() + ":" + run.period(), run, (a, b) -> byId.compare(a, b) >= 0 ? a : b);
            latestPerJob.merge(run.job(), run, (a, b) -> byId.compare(a, b) >= 0 ? a : b);
        }
        return latestPerPeriod.values().stream()
                .filter(run -> run.status().equals("FAILED") || run.status().equals("STOPPED"))
                .map(run -> new Incident(Kind.RUN_FAILED.key(run.job(), run.period()), Kind.RUN_FAILED,
                        run.job(), run.period(), "The latest run of " + run.job() + " for " + run.period()
                        + " ended " + run.status() + " (execution " + run.executionId() + ")"))
                .filter(i -> openKeys.contains(i.key()) || i.period().equals(latestPerJob.get(i.job()).period()))
                .toList();
    }

    private static List<Incident> missedKpis(List<Figure> figures, Set<String> openKeys) {
        Map<String, String> newest = newestPeriods(figures, Figure::job, Figure::period);
        return figures.stream()
                .filter(f -> KpiStatus.of(f.metric()).filter(s -> s == KpiStatus.MISSED).isPresent())
                .map(f -> new Incident(Kind.KPI_MISSED.key(f.job(), f.period(), f.metric().name()), Kind.KPI_MISSED,
                        f.job(), f.period(), "KPI " + f.metric().name() + " of " + f.job() + " for " + f.period()
                        + " missed: " + f.metric().value() + " against a target of " + f.metric().target()))
                .filter(i -> openKeys.contains(i.key()) || i.period().equals(newest.get(i.job())))
                .toList();
    }

    private static List<Incident> warnings(List<Warning> warnings, Set<String> openKeys) {
        Map<String, String> newest = newestPeriods(warnings, Warning::job, Warning::period);
        return warnings.stream()
                .map(w -> new Incident(Kind.RUN_WARNING.key(w.job(), w.period(), w.name()), Kind.RUN_WARNING,
                        w.job(), w.period(), "The run of " + w.job() + " for " + w.period()
                        + " was published with the warning " + w.name()))
                .filter(i -> openKeys.contains(i.key()) || i.period().equals(newest.get(i.job())))
                .toList();
    }

    private static List<Incident> overdue(List<Freshness> freshness, Collection<Incident> open) {
        Map<String, Freshness> byJob = freshness.stream().collect(Collectors.toMap(Freshness::job, Function.identity()));
        Map<String, Incident> holding = new LinkedHashMap<>();
        for (Freshness f : freshness) {
            if (f.overdue()) {
                Incident incident = new Incident(Kind.OVERDUE.key(f.job(), f.duePeriod().toString()), Kind.OVERDUE,
                        f.job(), f.duePeriod().toString(), "No completed run of " + f.job() + " for "
                        + f.duePeriod() + ", due by " + f.dueBy());
                holding.put(incident.key(), incident);
            }
        }
        for (Incident incident : open) {
            Freshness f = byJob.get(incident.job());
            if (incident.kind() == Kind.OVERDUE && f != null && !completed(f, incident.period())) {
                holding.putIfAbsent(incident.key(), incident);
            }
        }
        return List.copyOf(holding.values());
    }

    private static boolean completed(Freshness f, String period) {
        try {
            return f.latestCompleted().filter(latest -> latest.compareTo(Period.parse(period)) >= 0).isPresent();
        } catch (InvalidPeriodException e) {
            return true;
        }
    }

    private static <T> Map<String, String> newestPeriods(List<T> rows, Function<T, String> job, Function<T, String> period) {
        Map<String, String> newest = new HashMap<>();
        for (T row : rows) {
            newest.merge(job.apply(row), period.apply(row), AlertRules::later);
        }
        return newest;
    }

    private static String later(String a, String b) {
        try {
            return Period.parse(a).compareTo(Period.parse(b)) >= 0 ? a : b;
        } catch (InvalidPeriodException e) {
            return a.compareTo(b) >= 0 ? a : b;
        }
    }
}
