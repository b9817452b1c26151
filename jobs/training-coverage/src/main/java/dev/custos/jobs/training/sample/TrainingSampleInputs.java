package dev.custos.jobs.training.sample;

import java.nio.file.Path;

import org.springframework.stereotype.Component;

import dev.custos.common.period.Period;
import dev.custos.common.sample.SampleInputs;
import dev.custos.jobs.training.TrainingCoverageJobConfig;

/** training-coverage's demo inputs: the demo's sizes times the scale, with malformed rows. */
@Component
public final class TrainingSampleInputs implements SampleInputs {

    @Override
    public String jobName() {
        return TrainingCoverageJobConfig.JOB_NAME;
    }

    @Override
    public void write(Path inbox, Period period, int scale, long seed) {
        TrainingSampleData.Sizes demo = TrainingSampleData.Sizes.demo();
        TrainingSampleData.write(inbox, period,
                new TrainingSampleData.Sizes(demo.employees() * scale, demo.courses(), demo.completions() * scale),
                seed, true);
    }
}
