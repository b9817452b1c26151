package dev.custos.common.sample;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Function;

import dev.custos.common.period.InvalidPeriodException;
import dev.custos.common.period.Period;

/**
 * The command line of a job's sample-data generator, for shell benchmarks: checks the number of
 * arguments, reads them, runs the generator and prints its one-line result. Bad arguments print
 * one line on stderr and exit with status 2.
 */
public final class SampleCommandLine {

    private final String usage;
    private final String[] args;

    private SampleCommandLine(String usage, String[] args) {
        this.usage = usage;
        this.args = args;
    }

    /**
     * Runs {@code generator} on {@code args} when there are {@code arity} of them; the generator
     * returns the line to print.
     */
    public static void run(String usage, int arity, String[] args, Function<SampleCommandLine, String> generator) {
        if (args.length != arity) {
            exit(usage);
            return;
        }
        try {
            System.out.println(generator.apply(new SampleCommandLine(usage, args)));
        } catch (InvalidPeriodException | IllegalArgumentException | ArithmeticException e) {
            exit(e.getMessage());
        } catch (UncheckedIOException e) {
            exit(e.getMessage() + ": " + e.getCause().getMessage());
        }
    }

    public Path path(int index) {
        return Path.of(args[index]);
    }

    public Period period(int index) {
        return Period.parse(args[index]);
    }

    /** A whole number named {@code name} in the usage line. */
    public long number(String name, int index) {
        try {
            return Long.parseLong(args[index].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, found '" + args[index] + "'; " + usage);
        }
    }

    /** A whole number that fits an {@code int}. */
    public int count(String name, int index) {
        long number = number(name, index);
        if (number > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be at most " + Integer.MAX_VALUE + ", found " + number);
        }
        return (int) number;
    }

    private static void exit(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
