package dev.custos.scheduler.evidence;

import java.nio.file.Path;
import java.util.List;

import dev.custos.common.period.Period;

/**
 * The outcome of checking a bundle: intact when {@code problems} is empty, otherwise one line per
 * problem, each naming the file (and line or row) concerned.
 *
 * @param period the bundle's period, or {@code null} when its {@code CHAIN} could not tell
 * @param files  the files the manifest lists
 * @param chain  what was found about the link to the previous bundle, for the operator
 */
public record EvidenceVerification(Path bundle, Period period, int files, String chain, List<String> problems) {

    public boolean intact() {
        return problems.isEmpty();
    }
}
