package dev.custos.jobs.backup.sample;

import java.nio.file.Path;

import org.springframework.stereotype.Component;

import dev.custos.common.period.Period;
import dev.custos.common.sample.SampleInputs;
import dev.custos.jobs.backup.BackupJobConfig;

/**
 * backup's demo inputs: the day's customer documents in the inbox, and the customers of the
 * demo's {@code crm} schema (the demo configures it as a backup source), a few more each day.
 */
@Component
final class BackupSampleInputs implements SampleInputs {

    /** Customers in the demo's {@code crm} schema at the first backed-up day, and how many join each day. */
    private static final int CUSTOMERS = 200;
    private static final int NEW_CUSTOMERS_A_DAY = 7;

    private final DemoCustomers customers;

    BackupSampleInputs(DemoCustomers customers) {
        this.customers = customers;
    }

    @Override
    public String jobName() {
        return BackupJobConfig.JOB_NAME;
    }

    @Override
    public void prepareSources(Period period, int index, int scale) {
        customers.growTo((CUSTOMERS + NEW_CUSTOMERS_A_DAY * index) * scale, period.start());
    }

    @Override
    public void write(Path inbox, Period period, int scale, long seed) {
        SampleFiles.write(inbox, period, scale, seed);
    }
}
