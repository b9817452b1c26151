package dev.custos.scheduler.web;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

import dev.custos.common.command.CommandOutput;
import dev.custos.common.job.Control;
import dev.custos.common.report.Figures;
import dev.custos.common.report.ReportSection;
import dev.custos.common.results.KpiStatus;
import dev.custos.common.results.KpiTarget;
import dev.custos.common.results.Metric;
import dev.custos.common.results.ResultsRepository;
import dev.custos.common.results.RunFilter;
import dev.custos.common.results.RunRow;
import dev.custos.scheduler.launch.ControlCatalog;
import dev.custos.scheduler.monitoring.ControlDeadlines;
import dev.custos.scheduler.monitoring.Freshness;
import dev.custos.scheduler.quartz.ScheduleService;
import dev.custos.scheduler.quartz.ScheduleService.ScheduleView;

/**
 * The overview's cards, one per control of the catalog: its last run, its schedule's next fire,
 * and each KPI it declares ({@link Control#kpis()}) in its latest completed period against the
 * target, with the one status definition ({@link KpiStatus}). Titles and figure labels come from
 * the control's {@link ReportSection} when it has one.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class Overview {

    private final ControlCatalog catalog;
    private final ResultsRepository results;
    private final ScheduleService schedules;
    private final Map<String, ReportSection> sections;
    private final ControlDeadlines deadlines;

    Overview(ControlCatalog catalog, ResultsRepository results, ScheduleService schedules,
             ObjectProvider<ReportSection> sections, ControlDeadlines deadlines) {
        this.catalog = catalog;
        this.deadlines = deadlines;
        this.results = results;
        this.schedules = schedules;
        this.sections = sections.stream().collect(Collectors.toMap(ReportSection::jobName, Function.identity(),
                (a, b) -> a));
    }

    /**
     * A control's card; the fields of a run or schedule it does not have yet are null. {@code deadline} is
     * when the next fire's period is due; {@code overdue}, when set, the period whose deadline passed without
     * a completed run ({@link Freshness}, the one judgement the health and the alerts use).
     */
    public record Card(String job, String title, LastRun lastRun, String nextFire, String deadline,
                       String scheduleState, Overdue overdue, String kpiPeriod, List<Kpi> kpis) {
    }

    public record Overdue(String period, String dueBy) {
    }

    public record LastRun(long executionId, String period, String status, String startedAt, String endedAt) {
    }

    /** A KPI against its target; {@code reason} says why it is missing. */
    public record Kpi(String label, String value, String target, String status, String reason) {

        public String statusClass() {
            return status.toLowerCase(java.util.Locale.ROOT);
        }
    }

    List<Card> cards() {
        Map<String, ScheduleView> byJob = schedules.list().stream()
                .collect(Collectors.toMap(ScheduleView::job, Function.identity(), (a, b) -> a));
        Map<String, Freshness> freshness = deadlines.judgeAll().stream()
                .collect(Collectors.toMap(Freshness::job, Function.identity(), (a, b) -> a));
        return catalog.controls().stream().map(control -> card(control, byJob.get(control.jobName()),
                freshness.get(control.jobName()))).toList();
    }

    private Card card(Control control, ScheduleView schedule, Freshness freshness) {
        String job = control.jobName();
        Optional<ReportSection> section = Optional.ofNullable(sections.get(job));
        LastRun lastRun = results.runs(new RunFilter(job, null, null, 1)).stream().findFirst()
                .map(run -> new LastRun(run.executionId(), run.period(), run.status(), CommandOutput.utc(run.startedAt()),
                        CommandOutput.utc(run.endedAt()))).orElse(null);
        Optional<String> completedPeriod = results.runs(new RunFilter(job, null, "COMPLETED", 1)).stream()
                .findFirst().map(RunRow::period);
        Map<String, Metric> published = completedPeriod.map(period -> results.metrics(job, period)).orElse(List.of())
                .stream().collect(Collectors.toMap(Metric::name, Function.identity(), (a, b) -> a));
        List<Kpi> kpis = control.kpis().stream().map(target -> kpi(target, published, completedPeriod.isPresent(),
                section)).toList();
        boolean fires = schedule != null && schedule.nextFire() != null;
        String deadline = fires ? CommandOutput.utc(deadlines.dueFor(job, schedule.nextFire().toInstant(),
                ZoneId.of(schedule.zone())).dueBy()) : null;
        Overdue overdue = freshness != null && freshness.overdue()
                ? new Overdue(freshness.duePeriod().toString(), CommandOutput.utc(freshness.dueBy())) : null;
        return new Card(job, section.map(ReportSection::title).orElse(job), lastRun,
                fires ? CommandOutput.utc(schedule.nextFire().toInstant()) : null, deadline,
                schedule == null ? null : schedule.state(), overdue, completedPeriod.orElse(null), kpis);
    }

    private static Kpi kpi(KpiTarget target, Map<String, Metric> published, boolean completed,
                           Optional<ReportSection> section) {
        Metric metric = Optional.ofNullable(published.get(target.name())).orElseGet(() -> target.missing(
                completed ? "not published by the period's run" : "no completed run yet"));
        KpiStatus status = KpiStatus.of(metric).orElse(KpiStatus.MISSING);
        String label = section.flatMap(s -> s.label(target.name())).orElse(target.name());
        return new Kpi(label, Figures.value(metric), Figures.target(metric), status.name(), metric.missingReason());
    }
}
