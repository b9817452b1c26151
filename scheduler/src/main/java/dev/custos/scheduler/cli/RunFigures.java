package dev.custos.scheduler.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.custos.common.job.Control;
import dev.custos.common.report.Figures;
import dev.custos.common.results.Metric;
import dev.custos.common.results.ResultsRepository;
import dev.custos.common.results.RunRow;

/**
 * What {@code custos executions} shows of how much a run handled: the figures its control names
 * ({@link Control#runFigures()}), as the run's {@code summary.json} has them, e.g.
 * {@code rows_read=1817 rows_accepted=1812 rows_rejected=5} or {@code entries=14 bytes_stored=52311}.
 * A run that did not complete has no summary: how far it got in Spring Batch's items
 * ({@code batch read=63072 written=63060}), or {@code -} before its first commit.
 */
final class RunFigures {

    private final ResultsRepository results;
    private final Map<String, Control> controls;

    RunFigures(ResultsRepository results, List<Control> controls) {
        this.results = results;
        this.controls = controls.stream().collect(Collectors.toMap(Control::jobName, Function.identity()));
    }

    String of(RunRow run) {
        if (!"COMPLETED".equals(run.status())) {
            // no summary yet: how far it got, in Spring Batch's items (what a restart resumes after)
            return run.readCount() == 0 && run.writeCount() == 0 ? "-"
                    : "batch read=" + run.readCount() + " written=" + run.writeCount();
        }
        String text = published(run).entrySet().stream()
                .map(figure -> figure.getKey() + "=" + plain(figure.getValue())).collect(Collectors.joining(" "));
        return text.isEmpty() ? "-" : text;
    }

    /** The same figures for {@code --format json}: name to value, {@code null} for a missing one; empty for a run that did not complete. */
    Map<String, Double> values(RunRow run) {
        Map<String, Double> values = new LinkedHashMap<>();
        published(run).forEach((name, metric) -> values.put(name, metric.isMissing() ? null : metric.value()));
        return values;
    }

    private Map<String, Metric> published(RunRow run) {
        Control control = controls.get(run.job());
        if (!"COMPLETED".equals(run.status()) || control == null) {
            return Map.of();
        }
        Map<String, Metric> byName = results.metricsOfInstance(run.jobInstanceId()).stream()
                .collect(Collectors.toMap(Metric::name, Function.identity(), (a, b) -> a));
        Map<String, Metric> figures = new LinkedHashMap<>();
        control.runFigures().stream().filter(byName::containsKey).forEach(name -> figures.put(name, byName.get(name)));
        return figures;
    }

    private static String plain(Metric metric) {
        return metric.isMissing() ? "missing" : Figures.value(metric.value(), Metric.COUNT);
    }
}
