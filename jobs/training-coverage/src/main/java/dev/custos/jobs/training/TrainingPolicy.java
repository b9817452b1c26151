package dev.custos.jobs.training;

/**
 * The configurable thresholds of the training-coverage rule.
 *
 * @param hireCutoffDays staff hired fewer days than this before the quarter ends are not yet
 *                       expected to have completed their training
 * @param passScore      the lowest score (0-100) that counts as a pass
 */
public record TrainingPolicy(int hireCutoffDays, int passScore) {

    public static final int DEFAULT_HIRE_CUTOFF_DAYS = 30;
    public static final int DEFAULT_PASS_SCORE = 80;

    public TrainingPolicy {
        if (hireCutoffDays < 0) {
            throw new IllegalArgumentException("hireCutoffDays must be 0 or more, found " + hireCutoffDays);
        }
        if (passScore < 0 || passScore > 100) {
            throw new IllegalArgumentException("passScore must be between 0 and 100, found " + passScore);
        }
    }

    public static TrainingPolicy defaults() {
        return new TrainingPolicy(DEFAULT_HIRE_CUTOFF_DAYS, DEFAULT_PASS_SCORE);
    }
}
