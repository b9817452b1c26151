package dev.custos.scheduler.cli;

import java.time.Duration;
import java.time.format.DateTimeFormatter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.custos.common.results.ResultsRepository;
import dev.custos.common.results.RunFilter;
import dev.custos.common.results.RunRow;
import dev.custos.scheduler.launch.ControlCatalog;

@Command(name = "executions", mixinStandardHelpOptions = true, description = "List executions, newest first.")
final class ExecutionsCommand extends SpringCommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Option(names = "--job", paramLabel = "J")
    String job;

    @Option(names = "--status", paramLabel = "S", description = "STARTED, COMPLETED, FAILED, STOPPED, ABANDONED")
    String status;

    @Option(names = "--period", paramLabel = "P")
    String period;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "at most N rows (0 = all; default 50)")
    int limit;

    @Override
    Mode mode() {
        return Mode.READ_ONLY;
    }

    @Override
    int call(CustosContext context) {
        ResultsRepository results = context.bean(ResultsRepository.class);
        var runs = results.runs(new RunFilter(job, period,
                status == null ? null : status.toUpperCase(java.util.Locale.ROOT), limit));
        RunFigures figures = new RunFigures(results, context.bean(ControlCatalog.class).controls());
        out().printf("%-6s %-26s %-10s %-5s %-10s %-19s %9s  %-50s  %s%n", "ID", "JOB", "PERIOD", "RERUN",
                "STATUS", "STARTED", "SECONDS", "FIGURES (summary.json)", "MESSAGE");
        for (RunRow run : runs) {
            out().printf("%-6d %-26s %-10s %-5d %-10s %-19s %9s  %-50s  %s%n", run.executionId(), run.job(),
                    run.period(), run.rerun(), run.status(),
                    run.startedAt() == null ? "-" : TIME.format(run.startedAt()), seconds(run), figures.of(run),
                    run.exitMessage() == null ? "" : oneLine(run.exitMessage()));
        }
        return ExitCodes.OK;
    }

    private static String seconds(RunRow run) {
        if (run.startedAt() == null || run.endedAt() == null) {
            return "-";
        }
        return String.format(java.util.Locale.ROOT, "%.1f",
                Duration.between(run.startedAt(), run.endedAt()).toMillis() / 1000.0);
    }

    private static String oneLine(String message) {
        String line = message.replaceAll("\\s+", " ");
        return line.length() > 120 ? line.substring(0, 117) + "..." : line;
    }
}
