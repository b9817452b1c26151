package dev.custos.scheduler.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.custos.common.CustosException;
import dev.custos.common.job.Control;
import dev.custos.common.job.CustosProperties;
import dev.custos.common.period.Period;
import dev.custos.scheduler.launch.ControlCatalog;
import dev.custos.scheduler.quartz.ScheduleService;

/** Every control's deadline (configured or its own) and whether its latest completed period kept it. */
public final class ControlDeadlines {

    private final ControlCatalog catalog;
    private final DeadlineProperties deadlines;
    private final ResultsReadings results;
    private final ScheduleService schedules;
    private final CustosProperties custos;
    private final Clock clock;

    ControlDeadlines(ControlCatalog catalog, DeadlineProperties deadlines, ResultsReadings results,
                     ScheduleService schedules, CustosProperties custos, Clock clock) {
        Set<String> unknown = new TreeSet<>(deadlines.deadlines().keySet());
        catalog.controls().forEach(control -> unknown.remove(control.jobName()));
        if (!unknown.isEmpty()) {
            throw new CustosException("custos.deadlines names no control: " + String.join(", ", unknown));
        }
        this.catalog = catalog;
        this.deadlines = deadlines;
        this.results = results;
        this.schedules = schedules;
        this.custos = custos;
        this.clock = clock;
    }

    Duration deadline(Control control) {
        return deadlines.deadlines().getOrDefault(control.jobName(), control.completionDeadline());
    }

    /** The period a run due at {@code fireTime} covers (its day in the schedule's zone), and when that period is due. */
    public record Due(Period period, Instant dueBy) {
    }

    public Due dueFor(String job, Instant fireTime, ZoneId scheduleZone) {
        Control control = catalog.control(job);
        Period period = control.scheduledPeriod(fireTime.atZone(scheduleZone).toLocalDate());
        return new Due(period, Freshness.deadlineOf(period, deadline(control), custos.zone()));
    }

    /** Each control's nominal period length: how often a success is expected. */
    Map<String, Duration> periodLengths() {
        return catalog.controls().stream().collect(Collectors.toMap(Control::jobName,
                control -> switch (control.periodType()) {
                    case DAY -> Duration.ofDays(1);
                    case MONTH -> Duration.ofDays(31);
                    case QUARTER -> Duration.ofDays(92);
                    case YEAR -> Duration.ofDays(366);
                }));
    }

    public List<Freshness> judgeAll() {
        var latest = results.latestCompletedPeriods();
        Map<String, Instant> firstRuns = results.firstRuns();
        Instant now = clock.instant();
        return catalog.controls().stream()
                .map(control -> Freshness.judge(control.jobName(), control.periodType(), deadline(control),
                        Optional.ofNullable(latest.get(control.jobName())),
                        earliest(firstRuns.get(control.jobName()),
                                schedules.scheduledSince(control.jobName()).orElse(null)),
                        now, custos.zone()))
                .toList();
    }

    private static Optional<Instant> earliest(Instant a, Instant b) {
        if (a == null || b == null) {
            return Optional.ofNullable(a == null ? b : a);
        }
        return Optional.of(a.isBefore(b) ? a : b);
    }
}
