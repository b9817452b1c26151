package dev.custos.jobs.rollup.sample;

import java.nio.file.Path;

import org.springframework.stereotype.Component;

import dev.custos.common.period.Period;
import dev.custos.common.sample.SampleInputs;
import dev.custos.jobs.rollup.AuditRollupJobConfig;

/** audit-rollup's demo inputs: the year's and the year before's audit findings. */
@Component
public final class AuditRollupSampleInputs implements SampleInputs {

    @Override
    public String jobName() {
        return AuditRollupJobConfig.JOB_NAME;
    }

    @Override
    public void write(Path inbox, Period period, int scale, long seed) {
        AuditRollupSampleData.write(inbox, period, scale, seed);
    }
}
