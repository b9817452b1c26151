package dev.custos.scheduler.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.custos.common.period.Period;
import dev.custos.common.results.Metric;
import dev.custos.scheduler.alerts.AlertRules.Figure;
import dev.custos.scheduler.alerts.AlertRules.Run;
import dev.custos.scheduler.alerts.AlertRules.Warning;
import dev.custos.scheduler.monitoring.Freshness;

class AlertRulesTest {

    private static Figure kpi(String period, double value, boolean met) {
        return new Figure("reconciliation", period, new Metric("orphan_rate", value, "percent", 1.0, met, null));
    }

    private static Incident open(String key, Incident.Kind kind, String job, String period) {
        return new Incident(key, kind, job, period, "");
    }

    @Test
    void aFailedRunHoldsUntilALaterRunOfThatPeriodCompletes() {
        List<Run> failing = List.of(new Run(1, "backup", "2026-11-30", "FAILED"), new Run(2, "backup", "2026-11-30", "FAILED"));
        assertThat(AlertRules.holding(failing, List.of(), List.of(), List.of(), List.of()))
                .containsOnlyKeys("run-failed:backup:2026-11-30");

        List<Run> rerun = List.of(failing.get(0), failing.get(1), new Run(3, "backup", "2026-11-30", "COMPLETED"));
        assertThat(AlertRules.holding(rerun, List.of(), List.of(), List.of(),
                List.of(open("run-failed:backup:2026-11-30", Incident.Kind.RUN_FAILED, "backup", "2026-11-30")))).isEmpty();
    }

    @Test
    void anOldFailureRaisesNothingNewButAnOpenOneStaysOpenAfterTheNextPeriodRuns() {
        List<Run> runs = List.of(new Run(1, "backup", "2026-11-29", "FAILED"), new Run(2, "backup", "2026-11-30", "COMPLETED"));

        assertThat(AlertRules.holding(runs, List.of(), List.of(), List.of(), List.of())).isEmpty();
        assertThat(AlertRules.holding(runs, List.of(), List.of(), List.of(),
                List.of(open("run-failed:backup:2026-11-29", Incident.Kind.RUN_FAILED, "backup", "2026-11-29"))))
                .containsOnlyKeys("run-failed:backup:2026-11-29");
    }

    @Test
    void aMissedKpiOfTheNewestPeriodHoldsUntilTheRerunMeetsIt() {
        assertThat(AlertRules.holding(List.of(), List.of(kpi("2026-10", 0.5, true), kpi("2026-11", 3.0, false)),
                List.of(), List.of(), List.of()))
                .containsOnlyKeys("kpi-missed:reconciliation:2026-11:orphan_rate")
                .extractingByKey("kpi-missed:reconciliation:2026-11:orphan_rate").extracting(Incident::summary)
                .isEqualTo("KPI orphan_rate of reconciliation for 2026-11 missed: 3.0 against a target of 1.0");

        assertThat(AlertRules.holding(List.of(), List.of(kpi("2026-11", 0.5, true)), List.of(), List.of(),
                List.of(open("kpi-missed:reconciliation:2026-11:orphan_rate", Incident.Kind.KPI_MISSED,
                        "reconciliation", "2026-11")))).isEmpty();
    }

    /** A backup that did not verify, or a failed restore drill, is a missed KPI the backup control publishes. */
    @Test
    void aFailedVerifyOrRestoreDrillPublishedAsAMissedKpiRaisesItsOwnIncident() {
        Figure verified = new Figure("backup", "2026-12-05", new Metric("verified", 0.0, "count", 1.0, false, null));
        Figure drill = new Figure("backup", "2026-12-05", new Metric("restore_drill_ok", 0.0, "count", 1.0, false, null));

        assertThat(AlertRules.holding(List.of(), List.of(verified, drill), List.of(), List.of(), List.of()))
                .containsOnlyKeys("kpi-missed:backup:2026-12-05:verified", "kpi-missed:backup:2026-12-05:restore_drill_ok")
                .extractingByKey("kpi-missed:backup:2026-12-05:restore_drill_ok").extracting(Incident::summary)
                .isEqualTo("KPI restore_drill_ok of backup for 2026-12-05 missed: 0.0 against a target of 1.0");
    }

    @Test
    void aKpiWithoutAValueIsMissingNotMissed() {
        Figure missing = new Figure("reconciliation", "2026-11",
                new Metric("orphan_rate", null, "percent", 1.0, null, "no input"));
        assertThat(AlertRules.holding(List.of(), List.of(missing), List.of(), List.of(), List.of())).isEmpty();
    }

    @Test
    void aRunPublishedWithAWarningRaisesItForItsPeriod() {
        assertThat(AlertRules.holding(List.of(), List.of(),
                List.of(new Warning("reconciliation", "2026-11", "input_reused_from")), List.of(), List.of()))
                .containsOnlyKeys("run-warning:reconciliation:2026-11:input_reused_from");
    }

    @Test
    void anOverduePeriodHoldsUntilItCompletesEvenAfterTheNextOneFallsDue() {
        Freshness novemberOverdue = new Freshness("key-rotation", Period.parse("2026-11"),
                Instant.parse("2026-12-05T12:00:00Z"), Optional.of(Period.parse("2026-10")), true);
        assertThat(AlertRules.holding(List.of(), List.of(), List.of(), List.of(novemberOverdue), List.of()))
                .containsOnlyKeys("overdue:key-rotation:2026-11");

        Incident november = open("overdue:key-rotation:2026-11", Incident.Kind.OVERDUE, "key-rotation", "2026-11");
        Freshness decemberOverdue = new Freshness("key-rotation", Period.parse("2026-12"),
                Instant.parse("2027-01-05T12:00:00Z"), Optional.of(Period.parse("2026-10")), true);
        assertThat(AlertRules.holding(List.of(), List.of(), List.of(), List.of(decemberOverdue), List.of(november)))
                .containsOnlyKeys("overdue:key-rotation:2026-11", "overdue:key-rotation:2026-12");

        Freshness novemberDone = new Freshness("key-rotation", Period.parse("2026-11"),
                Instant.parse("2026-12-05T12:00:00Z"), Optional.of(Period.parse("2026-11")), false);
        assertThat(AlertRules.holding(List.of(), List.of(), List.of(), List.of(novemberDone), List.of(november))).isEmpty();
    }
}
