package dev.custos.scheduler.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Custos's own figures as Prometheus gauges, read from the results schema every
 * {@code custos.monitoring.refresh}: each KPI's latest value and met state, every published
 * figure of the latest completed period, the last successful run, whether the latest run failed,
 * whether the control is overdue, the warnings its latest publication carries. No control or
 * figure is named here: whatever controls publish appears.
 */
final class ResultsGauges implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ResultsGauges.class);
    private static final Set<String> FAILED = Set.of("FAILED", "STOPPED", "ABANDONED");

    private final ResultsReadings results;
    private final ControlDeadlines deadlines;
    private final MonitoringProperties properties;
    private final MultiGauge kpiValue;
    private final MultiGauge kpiMet;
    private final MultiGauge figure;
    private final MultiGauge lastSuccess;
    private final MultiGauge lastRunFailed;
    private final MultiGauge overdue;
    private final MultiGauge periodLength;
    private final MultiGauge warning;
    private ScheduledExecutorService refresher;

    ResultsGauges(ResultsReadings results, ControlDeadlines deadlines, MonitoringProperties properties,
                  MeterRegistry registry) {
        this.results = results;
        this.deadlines = deadlines;
        this.properties = properties;
        this.kpiValue = MultiGauge.builder("custos.kpi.value")
                .description("the KPI's value in the control's latest completed period").register(registry);
        this.kpiMet = MultiGauge.builder("custos.kpi.met")
                .description("1 when the KPI met its target in the latest completed period, 0 when missed").register(registry);
        this.figure = MultiGauge.builder("custos.metric")
                .description("every figure the control published for its latest completed period").register(registry);
        this.lastSuccess = MultiGauge.builder("custos.last.success.timestamp.seconds")
                .description("end of the control's latest COMPLETED run, seconds since the epoch").register(registry);
        this.lastRunFailed = MultiGauge.builder("custos.last.run.failed")
                .description("1 when the control's latest run ended FAILED, STOPPED or ABANDONED").register(registry);
        this.overdue = MultiGauge.builder("custos.control.overdue")
                .description("1 when the control's latest due period has not completed by its deadline").register(registry);
        this.warning = MultiGauge.builder("custos.run.warning")
                .description("1 for each warning (e.g. input_reused_from) of the control's most recently published run").register(registry);
        this.periodLength = MultiGauge.builder("custos.control.period.seconds")
                .description("the nominal length of the control's period (a day, 31 days, 92 days, 366 days)").register(registry);
    }

    void refresh() {
        List<MultiGauge.Row<?>> values = new ArrayList<>();
        List<MultiGauge.Row<?>> met = new ArrayList<>();
        List<MultiGauge.Row<?>> figures = new ArrayList<>();
        for (ResultsReadings.Figure f : results.latestFigures()) {
            if (f.value() == null) {
                continue; // a figure without data is missing, never exported as a made-up number
            }
            figures.add(MultiGauge.Row.of(Tags.of("job", f.job(), "name", f.name()), f.value()));
            if (f.target() != null) {
                values.add(MultiGauge.Row.of(Tags.of("job", f.job(), "kpi", f.name()), f.value()));
                if (f.met() != null) {
                    met.add(MultiGauge.Row.of(Tags.of("job", f.job(), "kpi", f.name()), f.met() ? 1 : 0));
                }
            }
        }
        kpiValue.register(values, true);
        kpiMet.register(met, true);
        figure.register(figures, true);
        lastSuccess.register(results.lastSuccesses().entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("job", e.getKey()), e.getValue().toEpochMilli() / 1000.0))
                .<MultiGauge.Row<?>>map(row -> row).toList(), true);
        lastRunFailed.register(results.latestRunStatuses().entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("job", e.getKey()), FAILED.contains(e.getValue()) ? 1 : 0))
                .<MultiGauge.Row<?>>map(row -> row).toList(), true);
        overdue.register(deadlines.judgeAll().stream()
                .map(f -> MultiGauge.Row.of(Tags.of("job", f.job()), f.overdue() ? 1 : 0))
                .<MultiGauge.Row<?>>map(row -> row).toList(), true);
        warning.register(results.latestWarnings().stream()
                .map(w -> MultiGauge.Row.of(Tags.of("job", w.job(), "name", w.name()), 1))
                .<MultiGauge.Row<?>>map(row -> row).toList(), true);
        periodLength.register(deadlines.periodLengths().entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("job", e.getKey()), e.getValue().toSeconds()))
                .<MultiGauge.Row<?>>map(row -> row).toList(), true);
    }

    private void refreshLogged() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("Custos figures for Prometheus not refreshed: {}", e.getMessage());
        }
    }

    @Override
    public void start() {
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "custos-metrics-refresh");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refreshLogged, 0, properties.refresh().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        refresher.shutdownNow();
        refresher = null;
    }

    @Override
    public boolean isRunning() {
        return refresher != null;
    }
}
