package dev.custos.common.job;

import java.nio.file.Path;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import dev.custos.common.period.Period;

/**
 * The parameters of one control run. {@code period} and {@code rerun} identify the job
 * instance (one instance per job and period, a new one per deliberate rerun); the inbox and
 * outbox are where this run reads and writes, and do not identify it.
 */
public record RunParameters(Period period, int rerun, Path inbox, Path outbox) {

    public static final String PERIOD = "period";
    public static final String RERUN = "rerun";
    public static final String INBOX = "inbox";
    public static final String OUTBOX = "outbox";

    public JobParameters toJobParameters() {
        JobParametersBuilder builder = new JobParametersBuilder()
                .addString(PERIOD, period.toString(), true)
                .addString(INBOX, inbox.toAbsolutePath().normalize().toString(), false)
                .addString(OUTBOX, outbox.toAbsolutePath().normalize().toString(), false);
        if (rerun > 0) {
            builder.addLong(RERUN, (long) rerun, true);
        }
        return builder.toJobParameters();
    }

    public static RunParameters from(JobParameters parameters) {
        Long rerun = parameters.getLong(RERUN);
        return new RunParameters(
                Period.parse(parameters.getString(PERIOD)),
                rerun == null ? 0 : rerun.intValue(),
                Path.of(parameters.getString(INBOX)),
                Path.of(parameters.getString(OUTBOX)));
    }
}
