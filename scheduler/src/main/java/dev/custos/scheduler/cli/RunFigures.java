package dev.custos.scheduler.cli;

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
 * A run that did not complete has no summary: {@code -}.
 */
final class RunFigures {

    private final ResultsRepository results;
    private final Map<String, Control> controls;

    RunFigures(ResultsRepository results, List<Control> controls) {
        this.results = results;
        this.controls = controls.stream().collect(Collectors.toMap(Control::jobName, Function.identity()));
    }

    String of(RunRow run) {
        Control control = controls.get(run.job());
        if (!"COMPLETED".equals(run.status()) || control == null) {
            return "-";
        }
        Map<String, Metric> published = results.metricsOfInstance(run.jobInstanceId()).stream()
                .collect(Collectors.toMap(Metric::name, Function.identity(), (a, b) -> a));
        String text = control.runFigures().stream().filter(published::containsKey)
                .map(name -> name + "=" + plain(published.get(name))).collect(Collectors.joining(" "));
        return text.isEmpty() ? "-" : text;
    }

    private static String plain(Metric metric) {
        return metric.isMissing() ? "missing" : Figures.value(metric.value(), Metric.COUNT);
    }
}
