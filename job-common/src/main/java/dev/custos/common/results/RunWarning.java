package dev.custos.common.results;

/**
 * A warning a completed run publishes beside its figures: its results stand, but a person should
 * look at its inputs. Unlike a {@link Metric} the value is text and there is no target.
 *
 * @param name    what is flagged, e.g. {@code input_reused_from}
 * @param value   the flagged figure, e.g. the period whose input files the run was given again
 * @param message one sentence saying what was found and what to check; no data row's values
 */
public record RunWarning(String name, String value, String message) {
}
