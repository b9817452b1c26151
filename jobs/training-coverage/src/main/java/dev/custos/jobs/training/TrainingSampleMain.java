package dev.custos.jobs.training;

import dev.custos.common.period.InvalidPeriodException;
import dev.custos.common.period.Period;
import java.io.UncheckedIOException;
import java.nio.file.Path;

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
        if (args.length != 6) {
            exit(USAGE);
            return;
        }
        try {
            Path dir = Path.of(args[0]);
            Period quarter = Period.parse(args[1]);
            TrainingSampleData.Sizes sizes = new TrainingSampleData.Sizes(
                    count("EMPLOYEES", args[2]), count("COURSES", args[3]), number("COMPLETIONS", args[4]));
            long seed = number("SEED", args[5]);
            TrainingSampleData.SampleFiles files = TrainingSampleData.write(dir, quarter, sizes, seed, false);
            System.out.printf("wrote %d employees, %d courses and %d completions for %s to %s%n",
                    files.rosterRows(), files.requirementRows(), files.completionRows(), quarter, dir);
        } catch (InvalidPeriodException | IllegalArgumentException e) {
            exit(e.getMessage());
        } catch (UncheckedIOException e) {
            exit(e.getMessage() + ": " + e.getCause().getMessage());
        }
    }

    private static int count(String name, String text) {
        long number = number(name, text);
        if (number > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be at most " + Integer.MAX_VALUE + ", found " + number);
        }
        return (int) number;
    }

    private static long number(String name, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, found '" + text + "'; " + USAGE);
        }
    }

    private static void exit(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
