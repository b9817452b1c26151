package dev.custos.scheduler.cli;

import java.io.PrintWriter;
import java.util.Locale;

import dev.custos.common.results.KpiStatus;
import dev.custos.common.results.Metric;
import dev.custos.scheduler.launch.RunOutcome;

/**
 * Prints a run's outcome for a person at a terminal, and gives its exit code. A completed run's
 * warnings go to stderr, one line each, after its figures.
 */
final class OutcomePrinter {

    private OutcomePrinter() {
    }

    static int print(RunOutcome outcome, PrintWriter out, PrintWriter err) {
        if (outcome.alreadyCompleted()) {
            err.println("custos: " + oneLine(outcome.message()));
            return ExitCodes.ALREADY_COMPLETED;
        }
        out.printf("%s %s: %s (execution %d)%n", outcome.job(), outcome.period(), outcome.status(),
                outcome.executionId());
        if (!outcome.completed()) {
            err.printf("custos: %s %s failed: %s%n", outcome.job(), outcome.period(),
                    outcome.message() == null ? outcome.status() : oneLine(outcome.message()));
            err.printf("custos: fix the cause, then resume with: custos restart %d%n", outcome.executionId());
            return ExitCodes.FAILED;
        }
        outcome.metrics().forEach(metric -> out.println("  " + line(metric)));
        outcome.warnings().forEach(warning -> err.printf("custos: warning: %s %s: %s %s: %s%n", outcome.job(),
                outcome.period(), warning.name(), warning.value(), warning.message()));
        return ExitCodes.OK;
    }

    /** A stored message (a run of an earlier version may have kept several lines) as one line. */
    static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    static String line(Metric metric) {
        String value = metric.isMissing() ? "missing (" + metric.missingReason() + ")" : number(metric.value());
        String kpi = KpiStatus.of(metric).map(status -> "  target " + number(metric.target()) + "  " + status)
                .orElse("");
        return String.format(Locale.ROOT, "%-36s %s%s", metric.name(), value, kpi);
    }

    static String number(Double value) {
        if (value == null) {
            return "-";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf(value.longValue());
        }
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
