package dev.custos.jobs.reconciliation.sample;

import dev.custos.common.sample.SampleCommandLine;
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
        SampleCommandLine.run(USAGE, 5, args, line -> {
            Period month = line.period(1);
            ReconciliationSampleData.Sizes sizes = new ReconciliationSampleData.Sizes(
                    line.count("EMPLOYEES", 2), line.number("GRANT_ROWS", 3));
            long seed = line.number("SEED", 4);
            ReconciliationSampleData.SampleFiles files =
                    ReconciliationSampleData.write(line.path(0), month, sizes, seed, seed, false);
            return "wrote %d employees, %d entitlements and %d grant rows in %d files for %s to %s".formatted(
                    files.rosterRows(), files.entitlementRows(), files.grantRows(), files.grants().size(), month,
                    line.path(0));
        });
    }
}
