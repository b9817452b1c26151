package dev.custos.scheduler.cli;

import java.nio.file.Path;
import java.util.Set;

import org.springframework.batch.core.repository.JobRepository;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.custos.scheduler.launch.ControlLauncher;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Launch a job now and wait. Exit 0 when COMPLETED, 1 when it failed, 3 when the period "
                + "had already completed (nothing run).")
final class RunCommand extends SpringCommand {

    @Parameters(paramLabel = "JOB", description = "job name, e.g. training-coverage")
    String job;

    @Option(names = "--period", paramLabel = "P", description = "e.g. 2026-11, 2026-Q4, 2026-11-24, 2026 "
            + "(default: the period that last closed)")
    String period;

    @Option(names = "--inbox", paramLabel = "DIR", description = "the folder holding this period's input files "
            + "(default <custos.inbox>/<job>/<period>/)")
    Path inbox;

    @Option(names = "--outbox", paramLabel = "DIR", description = "where files are written (default custos.outbox)")
    Path outbox;

    @Option(names = "--rerun", description = "run a completed period again as a new instance; its results replace the period's")
    boolean rerun;

    @Option(names = "--drill", description = "backup: also restore the new backup into the scratch schema and "
            + "compare it with its manifest (a restore drill), whatever the day")
    boolean drill;

    @Override
    Mode mode() {
        return Mode.RUN;
    }

    @Override
    int call(CustosContext context) {
        ControlLauncher launcher = context.bean(ControlLauncher.class);
        var runPeriod = launcher.period(job, period);
        try (var progress = ProgressReporter.start(context.bean(JobRepository.class), job, err())) {
            var outcome = launcher.run(job, runPeriod, rerun, inbox, outbox, drill ? Set.of("drill") : Set.of());
            return OutcomePrinter.print(outcome, out(), err());
        }
    }
}
