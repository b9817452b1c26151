package dev.custos.scheduler.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.custos.common.command.CommandOutput;
import dev.custos.common.period.Period;
import dev.custos.common.results.ResultsRepository;
import dev.custos.common.results.RunFilter;
import dev.custos.common.results.RunRow;
import dev.custos.scheduler.launch.ControlCatalog;

@Command(name = "executions", mixinStandardHelpOptions = true,
        description = "List executions, newest first. Times in ISO-8601 UTC.")
final class ExecutionsCommand extends SpringCommand {

    static final List<String> STATUSES = RunFilter.STATUSES;

    @Option(names = "--job", paramLabel = "J", description = "only this job's executions, e.g. training-coverage")
    String job;

    @Option(names = "--status", paramLabel = "S", description = "only executions in this status: STARTED, COMPLETED, "
            + "FAILED, STOPPED or ABANDONED")
    String status;

    @Option(names = "--period", paramLabel = "P", description = "only executions of this period, e.g. 2026-11, "
            + "2026-Q4, 2026-11-24, 2026")
    String period;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "at most N rows (0 = all; default 50)")
    int limit;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = CommandOutput.FORMAT_DESCRIPTION)
    CommandOutput.Format format;

    @Override
    Mode mode() {
        return Mode.READ_ONLY;
    }

    /** The filter as typed, checked before anything starts: a wrong one would list nothing and look like no runs. */
    @Override
    void checkArguments() {
        if (status != null && !STATUSES.contains(status.toUpperCase(Locale.ROOT))) {
            throw new UsageException("unknown status '" + status + "': --status is one of " + String.join(", ", STATUSES));
        }
        if (period != null) {
            period = Period.parse(period).toString();
        }
        if (limit < 0) {
            throw new UsageException("--limit is a number of rows, 0 or more (0 = all), not " + limit);
        }
    }

    @Override
    int call(CustosContext context) {
        if (job != null) {
            context.bean(ControlCatalog.class).control(job);
        }
        ResultsRepository results = context.bean(ResultsRepository.class);
        var runs = results.runs(new RunFilter(job, period,
                status == null ? null : status.toUpperCase(Locale.ROOT), limit));
        RunFigures figures = new RunFigures(results, context.bean(ControlCatalog.class).controls());
        if (format == CommandOutput.Format.json) {
            CommandOutput.printJson(out(), runs.stream().map(run -> json(run, figures)).toList());
            return ExitCodes.OK;
        }
        out().printf("%-6s %-26s %-10s %-5s %-10s %-20s %9s  %-50s  %s%n", "ID", "JOB", "PERIOD", "RERUN",
                "STATUS", "STARTED", "SECONDS", "FIGURES (summary.json)", "MESSAGE");
        for (RunRow run : runs) {
            String started = CommandOutput.utc(run.startedAt());
            out().printf("%-6d %-26s %-10s %-5d %-10s %-20s %9s  %-50s  %s%n", run.executionId(), run.job(),
                    run.period(), run.rerun(), run.status(), started == null ? "-" : started,
                    seconds(run) == null ? "-" : String.format(Locale.ROOT, "%.1f", seconds(run)), figures.of(run),
                    run.exitMessage() == null ? "" : oneLine(run.exitMessage()));
        }
        return ExitCodes.OK;
    }

    private static Map<String, Object> json(RunRow run, RunFigures figures) {
        Map<String, Object> execution = new LinkedHashMap<>();
        execution.put("executionId", run.executionId());
        execution.put("job", run.job());
        execution.put("period", run.period());
        execution.put("rerun", run.rerun());
        execution.put("status", run.status());
        execution.put("startedAt", CommandOutput.utc(run.startedAt()));
        execution.put("endedAt", CommandOutput.utc(run.endedAt()));
        execution.put("seconds", seconds(run));
        execution.put("figures", figures.values(run));
        execution.put("message", run.exitMessage());
        return execution;
    }

    private static Double seconds(RunRow run) {
        if (run.startedAt() == null || run.endedAt() == null) {
            return null;
        }
        return Duration.between(run.startedAt(), run.endedAt()).toMillis() / 1000.0;
    }

    private static String oneLine(String message) {
        String line = message.replaceAll("\\s+", " ");
        return line.length() > 120 ? line.substring(0, 117) + "..." : line;
    }
}
