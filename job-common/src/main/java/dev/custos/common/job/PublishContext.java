package dev.custos.common.job;

import java.nio.file.Path;

import dev.custos.common.period.Period;

/** What a job's publication needs to know about the run being published. */
public record PublishContext(String job, Period period, long jobInstanceId, long executionId, Path folder,
                             RunParameters parameters) {
}
