package dev.custos.jobs.reconciliation;

import java.io.UncheckedIOException;
import java.nio.file.Path;

import dev.custos.common.period.InvalidPeriodException;
import dev.custos.common.period.Period;

/**
 * Generates the permission-reconciliation input files from the command line, for shell
 * benchmarks: {@code java -cp ... dev.custos.jobs.reconciliation.ReconciliationSampleMain DIR MONTH
 * EMPLOYEES GRANT_ROWS SEED}. The seed is both the organisation and the activity seed; the files
 * carry no malformed rows. Bad arguments print one line on stderr and exit with status 2.
 */
public final class ReconciliationSampleMain {

    private static final String USAGE = "usage: ReconciliationSampleMain DIR MONTH EMPLOYEES GRANT_ROWS SEED"
            + " (e.g. sample-in 2026-10 200000 2000000 42)";

    private ReconciliationSampleMain() {
    }

    public static void main(String[] args) {
        if (args.length != 5) {
            exit(USAGE);
            return;
        }
        try {
            Path dir = Path.of(args[0]);
            Period month = Period.parse(args[1]);
            ReconciliationSampleData.Sizes sizes = new ReconciliationSampleData.Sizes(
                    Math.toIntExact(number("EMPLOYEES", args[2])), number("GRANT_ROWS", args[3]));
            long seed = number("SEED", args[4]);
            ReconciliationSampleData.SampleFiles files =
                    ReconciliationSampleData.write(dir, month, sizes, seed, seed, false);
            System.out.printf("wrote %d employees, %d entitlements and %d grant rows in %d files for %s to %s%n",
                    files.rosterRows(), files.entitlementRows(), files.grantRows(), files.grants().size(), month, dir);
        } catch (InvalidPeriodException | IllegalArgumentException | ArithmeticException e) {
            exit(e.getMessage());
        } catch (UncheckedIOException e) {
            exit(e.getMessage() + ": " + e.getCause().getMessage());
        }
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
