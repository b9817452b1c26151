package dev.custos.jobs.training;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code custos.training.*}: the thresholds of the training-coverage rule. */
@ConfigurationProperties("custos.training")
record TrainingProperties(
        @DefaultValue("30") int hireCutoffDays,
        @DefaultValue("80") int passScore) {

    TrainingPolicy policy() {
        return new TrainingPolicy(hireCutoffDays, passScore);
    }
}
