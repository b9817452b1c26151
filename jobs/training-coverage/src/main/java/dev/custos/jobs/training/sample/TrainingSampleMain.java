package dev.custos.jobs.training.sample;

import dev.custos.common.sample.SampleCommandLine;
import dev.custos.common.period.Period;

/**
 * Generates the training-coverage input files from the command line, for shell benchmarks:
 * {@code java -cp ... dev.custos.jobs.training.TrainingSampleMain DIR QUARTER EMPLOYEES COURSES
 * COMPLETIONS SEED}. The files carry no malformed rows. Bad arguments print one line on stderr
 * and exit with status 2.
 */
public final class TrainingSampleMain {

    private static final String USAGE = "usage: TrainingSampleMain DIR QUARTER EMPLOYEES COURSES COMPLETIONS SEED"
            + " (e.g. sample-in 2026-Q4 200000 50 1200000 42)";

    private TrainingSampleMain() {
    }

    public static void main(String[] args) {
        SampleCommandLine.run(USAGE, 6, args, line -> {
            Period quarter = line.period(1);
            TrainingSampleData.Sizes sizes = new TrainingSampleData.Sizes(
                    line.count("EMPLOYEES", 2), line.count("COURSES", 3), line.number("COMPLETIONS", 4));
            TrainingSampleData.SampleFiles files =
                    TrainingSampleData.write(line.path(0), quarter, sizes, line.number("SEED", 5), false);
            return "wrote %d employees, %d courses and %d completions for %s to %s".formatted(
                    files.rosterRows(), files.requirementRows(), files.completionRows(), quarter, line.path(0));
        });
    }
}
