package dev.custos.jobs.backup.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import dev.custos.common.period.Period;

/**
 * Sample customer documents for the demo's backup of its inbox: a few contracts and statements
 * per customer in nested folders, text and binary, {@code 20 * scale} customers.
 */
final class SampleFiles {

    private static final int CUSTOMERS = 20;

    private SampleFiles() {
    }

    static void write(Path inbox, Period period, int scale, long seed) {
        Random random = new Random(seed);
        try {
            for (int c = 1; c <= CUSTOMERS * scale; c++) {
                String customer = "C%05d".formatted(c);
                Path folder = Files.createDirectories(inbox.resolve("customers").resolve(customer));
                Files.writeString(folder.resolve("contract.txt"), """
                        Customer %s
                        Contract signed %s
                        Terms: standard, reviewed %s
                        """.formatted(customer, period.start().minusDays(random.nextInt(900)), period));
                byte[] statement = new byte[1024 + random.nextInt(8192)];
                random.nextBytes(statement);
                Files.write(folder.resolve("statement-" + period + ".bin"), statement);
            }
            Files.writeString(inbox.resolve("README.txt"), "Sample customer documents for " + period + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sample backup files into " + inbox, e);
        }
    }
}
