package dev.custos.scheduler.api;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.custos.common.job.Control;
import dev.custos.common.job.CustosProperties;
import dev.custos.common.period.InvalidPeriodException;
import dev.custos.common.period.Period;
import dev.custos.common.report.Figures;
import dev.custos.common.report.ReportSection;
import dev.custos.common.results.KpiStatus;
import dev.custos.common.results.Metric;
import dev.custos.common.results.ResultsRepository;
import dev.custos.scheduler.launch.ControlCatalog;

/**
 * {@code /api/v1/results}: each control's published figures of a period, its KPIs with target and
 * status ({@link KpiStatus}, the report's definition) and every figure labelled and written as the
 * report writes them. A period that is over without a completed run has the KPIs the control
 * declares ({@code Control.kpis()}) missing, as in the report (a figure {@code run} missing when it
 * declares none).
 */
@RestController
@RequestMapping("/api/v1/results")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ResultsApi {

    private final ControlCatalog catalog;
    private final ResultsRepository results;
    private final Map<String, ReportSection> sections;
    private final CustosProperties properties;

    ResultsApi(ControlCatalog catalog, ResultsRepository results, ObjectProvider<ReportSection> sections,
               CustosProperties properties) {
        this.catalog = catalog;
        this.results = results;
        this.sections = sections.stream().collect(Collectors.toMap(ReportSection::jobName, Function.identity()));
        this.properties = properties;
    }

    record ControlResults(String job, String title, String period, Long executionId, List<Kpi> kpis,
                          List<Figure> figures) {
    }

    record Kpi(String name, String label, Double value, String unit, String display, Double target,
               String targetDisplay, String status, String missingReason) {
    }

    record Figure(String name, String label, Double value, String unit, String display, String missingReason) {
    }

    /**
     * @param job    one control; all by default
     * @param period the period, e.g. {@code 2026-Q4}: the controls running per that period's type
     *               (all of them for {@code job}, which must run per that type); by default each
     *               control's period that last closed
     */
    @GetMapping
    List<ControlResults> results(@RequestParam(required = false) String job,
                                 @RequestParam(required = false) String period) {
        List<Control> controls = job == null ? catalog.controls() : List.of(catalog.control(job));
        Period asked = period == null ? null : Period.parse(period);
        LocalDate today = LocalDate.now(properties.zone());
        List<ControlResults> answer = new ArrayList<>();
        for (Control control : controls) {
            if (asked != null && asked.type() != control.periodType()) {
                if (job == null) {
                    continue;
                }
                try {
                    Period.parse(period, control.periodType());
                } catch (InvalidPeriodException e) {
                    throw new InvalidPeriodException(job + " " + e.getMessage());
                }
            }
            answer.add(of(control, asked != null ? asked : Period.lastClosed(control.periodType(), today), today));
        }
        return answer;
    }

    /**
     * As in the report: each KPI the control declares missing, or one missing figure {@code run}
     * when it declares none.
     */
    private static List<Metric> missingRun(Control control, Period period, LocalDate today) {
        String reason = period.end().isBefore(today) ? "no completed " + control.jobName() + " run for " + period
                : period + " is not over yet";
        if (control.kpis().isEmpty()) {
            return List.of(Metric.missing("run", Metric.COUNT, reason));
        }
        return control.kpis().stream().map(kpi -> kpi.missing(reason)).toList();
    }

    private ControlResults of(Control control, Period period, LocalDate today) {
        Optional<ReportSection> section = Optional.ofNullable(sections.get(control.jobName()));
        Optional<Long> published = results.publishedExecution(control.jobName(), period.toString());
        List<Metric> metrics = published.isPresent() ? results.metrics(control.jobName(), period.toString())
                : missingRun(control, period, today);
        List<Kpi> kpis = new ArrayList<>();
        List<Figure> figures = new ArrayList<>();
        for (Metric metric : metrics) {
            String label = section.flatMap(s -> s.label(metric.name())).orElse(metric.name());
            Optional<KpiStatus> status = KpiStatus.of(metric);
            if (status.isPresent()) {
                kpis.add(new Kpi(metric.name(), label, metric.value(), metric.unit(), Figures.value(metric),
                        metric.target(), Figures.target(metric), status.get().name(), metric.missingReason()));
            } else {
                figures.add(new Figure(metric.name(), label, metric.value(), metric.unit(), Figures.value(metric),
                        metric.missingReason()));
            }
        }
        return new ControlResults(control.jobName(), section.map(ReportSection::title).orElse(control.jobName()),
                period.toString(), published.orElse(null), kpis, figures);
    }
}
