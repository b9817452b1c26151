package dev.custos.common.job;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.custos.common.results.RunWarning;

/**
 * The rule behind {@code input_reused_from}: a run whose input files, the whole set of them, are
 * byte-identical (same SHA-256 each) to those of a completed run of another period was most likely
 * given a stale export. The earliest such period is named: the one the files were delivered for.
 */
final class InputReuse {

    static final String INPUT_REUSED_FROM = "input_reused_from";

    private InputReuse() {
    }

    /**
     * @param inputs      the SHA-256 of every input file of the run; a run that read no file is never flagged
     * @param otherPeriods the SHA-256 sets of the completed runs of other periods, by period in order
     */
    static Optional<RunWarning> check(String job, String period, Set<String> inputs,
                                      Map<String, List<Set<String>>> otherPeriods) {
        if (inputs.isEmpty()) {
            return Optional.empty();
        }
        return otherPeriods.entrySet().stream()
                .filter(other -> other.getValue().stream().anyMatch(inputs::equals))
                .map(Map.Entry::getKey)
                .findFirst()
                .map(other -> new RunWarning(INPUT_REUSED_FROM, other, ("the %d input file%s of %s %s %s byte-identical "
                        + "(same SHA-256) to those of its completed run of %s: check that %s's exports were delivered, "
                        + "put them in the period's folder and run it again with --rerun").formatted(inputs.size(),
                        inputs.size() == 1 ? "" : "s", job, period, inputs.size() == 1 ? "is" : "are", other, period)));
    }
}
