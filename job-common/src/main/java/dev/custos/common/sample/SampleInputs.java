package dev.custos.common.sample;

import java.nio.file.Path;

import dev.custos.common.period.Period;

/**
 * A control's sample inputs for {@code custos demo}: a job module contributes one bean of this
 * type (from its {@code sample} package) next to its {@code Control}; the demo calls it for each
 * period it replays and knows nothing else about the control.
 */
public interface SampleInputs {

    /** The control's job name, the same as its {@code Control}'s. */
    String jobName();

    /**
     * Readies what a run of {@code period} reads from outside its inbox (say the database a
     * backup copies), before {@link #write}. {@code index} counts the demo's periods of this
     * control before this one (0 for the first), so the data can grow from one period to the
     * next and be the same when the demo runs again. Nothing by default.
     */
    default void prepareSources(Period period, int index, int scale) {
    }

    /**
     * Writes realistic input files for {@code period} into {@code inbox}: a few hundred people
     * times {@code scale}, with the gaps and malformed rows a real export has; the same files for
     * the same {@code seed}.
     */
    void write(Path inbox, Period period, int scale, long seed);
}
