package dev.custos.scheduler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.custos.common.results.Metric;
import dev.custos.scheduler.launch.RunOutcome;

/** How a run's outcome reads at a terminal: met, missed or missing as the report says it ({@code KpiStatus}); a failed run's message on one line, whatever was stored. */
class OutcomePrinterTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void aKpiWithoutAValueIsMissingNotMissed() {
        assertThat(OutcomePrinter.line(Metric.missingKpi("coverage", Metric.RATIO, 1.0, "no employee in scope")))
                .endsWith("missing (no employee in scope)  target 1  MISSING");
        assertThat(OutcomePrinter.line(Metric.kpiAtLeast("coverage", 0.5, Metric.RATIO, 1.0))).endsWith("target 1  MISSED");
        assertThat(OutcomePrinter.line(Metric.kpiAtMost("leavers_with_access", 0, Metric.COUNT, 0)))
                .endsWith("target 0  MET");
    }

    @Test
    void aFigureWithoutATargetHasNoStatus() {
        assertThat(OutcomePrinter.line(Metric.missing("findings_resolved", Metric.COUNT, "no earlier month")))
                .endsWith("missing (no earlier month)");
    }


    @Test
    void aMessageStoredOverSeveralLinesIsPrintedOnOne() {
        RunOutcome failed = new RunOutcome("backup", "2026-11-24", 41, "FAILED",
                "stale execution recovered:\n  its process 4711 on node-a\r\nis gone", List.of(), List.of(), false);

        int code = print(failed);

        assertThat(code).isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString().lines()).containsExactly(
                "custos: backup 2026-11-24 failed: stale execution recovered: its process 4711 on node-a is gone",
                "custos: fix the cause, then resume with: custos restart 41");
    }

    @Test
    void anAlreadyCompletedPeriodIsNamedOnOneLine() {
        RunOutcome completed = new RunOutcome("backup", "2026-11-24", 40, "COMPLETED",
                "backup 2026-11-24 was completed by execution 40;\nrun it again with: custos run backup --rerun",
                List.of(), List.of(), true);

        int code = print(completed);

        assertThat(code).isEqualTo(ExitCodes.ALREADY_COMPLETED);
        assertThat(err.toString().lines()).containsExactly("custos: backup 2026-11-24 was completed by execution 40; "
                + "run it again with: custos run backup --rerun");
    }

    private int print(RunOutcome outcome) {
        return OutcomePrinter.print(outcome, new PrintWriter(out, true), new PrintWriter(err, true));
    }
}
